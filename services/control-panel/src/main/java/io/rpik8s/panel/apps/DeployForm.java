package io.rpik8s.panel.apps;

import org.jboss.resteasy.reactive.RestForm;

/** The deploy form as the browser sent it; shown again with the service's field errors when it is refused. */
public class DeployForm {

    @RestForm
    public String name = "";
    @RestForm
    public String namespace = "default";
    @RestForm
    public String image = "";
    @RestForm
    public String replicas = "1";
    @RestForm
    public String env = "";
    @RestForm
    public String labels = "";
    @RestForm
    public String cpuRequest = "";
    @RestForm
    public String memoryRequest = "";
    @RestForm
    public String cpuLimit = "";
    @RestForm
    public String memoryLimit = "";
    @RestForm
    public String servicePort = "";
    @RestForm
    public String plugin = "container";
    @RestForm
    public String settings = "";
}
