package io.rpik8s.monitoring;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.monitoring.support.MonitoringTestResource;
import io.rpik8s.testsupport.PlatformServiceContract;
import io.rpik8s.testsupport.PlatformTestResource;

/** The platform-wide contract; same resources as the other test classes so the app starts once. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@WithTestResource(MonitoringTestResource.class)
class MonitoringServiceContractTest extends PlatformServiceContract {
    @Override
    protected String pagedListPath() {
        return "/api/v1/cluster/pods";
    }

    @Override
    protected String namedResourcePath(String segment) {
        return "/api/v1/deployments/default/" + segment + "/timeline";
    }
}
