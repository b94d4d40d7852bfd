package io.rpik8s.storage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.testsupport.PlatformServiceContract;
import io.rpik8s.testsupport.PlatformTestResource;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@WithTestResource(StorageTestResource.class)
class StorageServiceContractTest extends PlatformServiceContract {
    @Override
    protected String pagedListPath() {
        return "/api/v1/storage/buckets";
    }

    @Override
    protected String namedResourcePath(String segment) {
        return "/api/v1/storage/volumes/default/" + segment;
    }
}
