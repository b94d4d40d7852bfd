package io.rpik8s.deployment.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.Map;

/** What a PlatformApp asks for: the plugin, image, replicas, plugin config and an optional Service port. */
public class PlatformAppSpec {

    @JsonPropertyDescription("Deployment plugin that renders the app (default: container).")
    private String plugin;

    @JsonPropertyDescription("Container image, pinned to a tag or digest.")
    private String image;

    @Min(0)
    @SpecReplicas
    @JsonPropertyDescription("Desired replicas.")
    private Integer replicas;

    @JsonPropertyDescription("Plugin-specific configuration (free-form).")
    @PreserveUnknownFields
    @SchemaFrom(type = FreeForm.class)
    private Map<String, Object> config;

    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Port of the Service to expose; no Service when absent.")
    private Integer servicePort;

    /** Schema stand-in for {@code config}: an object whose fields the plugin, not the API server, checks. */
    static final class FreeForm {
    }

    public String getPlugin() {
        return plugin;
    }

    public void setPlugin(String plugin) {
        this.plugin = plugin;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Map<String, Object> getConfig() {
        return config;
    }

    public void setConfig(Map<String, Object> config) {
        this.config = config;
    }

    public Integer getServicePort() {
        return servicePort;
    }

    public void setServicePort(Integer servicePort) {
        this.servicePort = servicePort;
    }
}
