package io.rpik8s.examples.myservice;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.testsupport.PlatformServiceContract;
import io.rpik8s.testsupport.PlatformTestResource;

// tag::contract[]
/** Health, metrics, OpenAPI, tokens and problem+json: what every platform service promises, checked on my-service. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class MyServiceContractTest extends PlatformServiceContract {

    @Override
    protected String pagedListPath() {
        return "/api/v1/backups/apps";
    }

    @Override
    protected String namedResourcePath(String segment) {
        return "/api/v1/backups/apps/" + segment;
    }
}
// end::contract[]
