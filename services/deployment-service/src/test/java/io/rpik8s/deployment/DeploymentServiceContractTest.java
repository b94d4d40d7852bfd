package io.rpik8s.deployment;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.testsupport.PlatformServiceContract;
import io.rpik8s.testsupport.PlatformTestResource;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class DeploymentServiceContractTest extends PlatformServiceContract {
    @Override
    protected String pagedListPath() {
        return "/api/v1/deployments";
    }

    @Override
    protected String namedResourcePath(String segment) {
        return "/api/v1/deployments/default/" + segment + "/history";
    }
}
