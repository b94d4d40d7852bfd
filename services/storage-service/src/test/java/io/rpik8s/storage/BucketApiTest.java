package io.rpik8s.storage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
@WithTestResource(StorageTestResource.class)
class BucketApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void listen() {
        Events.probe();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType(ContentType.JSON);
    }

    static ValidatableResponse createBucket(String name) {
        return as(TestTokens.operator()).body(Map.of("name", name)).post("/api/v1/storage/buckets").then();
    }

    @Test
    void listsArePagedAndBadPagesAre400NamingTheField() {
        for (String name : new String[] {"paged-a", "paged-b", "paged-c"}) {
            createBucket(name).statusCode(201);
        }
        List<String> all = as(TestTokens.viewer()).queryParam("size", 500).get("/api/v1/storage/buckets").then()
                .statusCode(200).extract().jsonPath().getList("items.name", String.class);
        assertThat(all).contains("paged-a", "paged-b", "paged-c").isSorted();
        List<String> walked = new ArrayList<>();
        for (int page = 0; page * 2 < all.size(); page++) {
            var body = as(TestTokens.viewer()).queryParam("page", page).queryParam("size", 2)
                    .get("/api/v1/storage/buckets").then().statusCode(200)
                    .body("page", equalTo(page)).body("size", equalTo(2)).body("total", equalTo(all.size()))
                    .extract().jsonPath();
            assertThat(body.getList("items")).hasSizeBetween(1, 2);
            walked.addAll(body.getList("items.name", String.class));
        }
        assertThat(walked).isEqualTo(all);
        as(TestTokens.viewer()).queryParam("page", all.size()).queryParam("size", 1).get("/api/v1/storage/buckets")
                .then().statusCode(200).body("items", hasSize(0)).body("total", equalTo(all.size()));

        for (String list : new String[] {"buckets", "databases", "volumes"}) {
            as(TestTokens.viewer()).queryParam("page", -1).get("/api/v1/storage/" + list).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("page"));
            as(TestTokens.viewer()).queryParam("size", 0).get("/api/v1/storage/" + list).then().statusCode(400)
                    .body("errors.field", hasItem("size"));
            as(TestTokens.viewer()).queryParam("size", 501).get("/api/v1/storage/" + list).then().statusCode(400)
                    .body("errors.field", hasItem("size"));
            as(TestTokens.viewer()).queryParam("page", "first").get("/api/v1/storage/" + list).then()
                    .statusCode(400).body("errors.field", hasItem("page"));
            as(TestTokens.viewer()).get("/api/v1/storage/" + list).then().statusCode(200)
                    .body("page", equalTo(0)).body("size", equalTo(50)).body("total", notNullValue());
        }
    }

    @Test
    void createListAndRefuseDuplicateWithEvent() {
        createBucket("models").statusCode(201).body("name", equalTo("models")).body("objectCount", equalTo(0));
        ReceivedEvent created = Events.awaitValid(EventTypes.BUCKET_CREATED,
                e -> "models".equals(e.data().bucket().name()));
        assertThat(created.data().actor()).isNotBlank();
        assertThat(created.key()).isEqualTo("models");

        as(TestTokens.viewer()).get("/api/v1/storage/buckets").then().statusCode(200)
                .body("items.name", hasItem("models")).body("page", equalTo(0)).body("size", equalTo(50));
        createBucket("models").statusCode(409).contentType("application/problem+json");
    }

    @Test
    void badBucketNamesAre400NamingTheField() {
        for (String bad : new String[] {"Bad_Name", "ab", "-lead", "a..b", "192.168.1.1", "xn--abc"}) {
            createBucket(bad).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("name"));
        }
        as(TestTokens.viewer()).get("/api/v1/storage/buckets/Not_Valid").then().statusCode(400)
                .body("errors.field", hasItem("bucket"));
        as(TestTokens.viewer()).get("/api/v1/storage/buckets/no-such-bucket").then().statusCode(404);
    }

    @Test
    void viewerCannotChangeBuckets() {
        as(TestTokens.viewer()).body(Map.of("name", "viewer-made")).post("/api/v1/storage/buckets").then()
                .statusCode(403);
        createBucket("viewer-reads").statusCode(201);
        as(TestTokens.viewer()).body(Map.of("key", "a.txt", "method", "PUT"))
                .post("/api/v1/storage/buckets/viewer-reads/presign").then().statusCode(403);
        as(TestTokens.viewer()).body(Map.of("key", "a.txt", "method", "GET"))
                .post("/api/v1/storage/buckets/viewer-reads/presign").then().statusCode(200);
    }

    @Test
    void presignedUrlsMoveDataWithAPlainHttpClient() throws Exception {
        createBucket("notebooks").statusCode(201);
        String put = as(TestTokens.operator()).body(Map.of("key", "runs/1/model.bin", "method", "PUT",
                        "expirySeconds", 300))
                .post("/api/v1/storage/buckets/notebooks/presign").then().statusCode(200)
                .body("method", equalTo("PUT")).extract().path("url");
        assertThat(put).as("signed for the public S3 address, not the one the service uses")
                .startsWith(StorageTestResource.publicEndpoint() + "/notebooks/");
        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(put))
                .PUT(HttpRequest.BodyPublishers.ofString("weights-v1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).isEqualTo(200);

        String get = as(TestTokens.viewer()).body(Map.of("key", "runs/1/model.bin", "method", "GET"))
                .post("/api/v1/storage/buckets/notebooks/presign").then().statusCode(200).extract().path("url");
        HttpResponse<String> downloaded = HTTP.send(HttpRequest.newBuilder(URI.create(get)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo("weights-v1");

        HttpResponse<String> tampered = HTTP.send(HttpRequest.newBuilder(URI.create(get.replace("model.bin",
                "other.bin"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(403);

        as(TestTokens.viewer()).get("/api/v1/storage/buckets/notebooks").then().statusCode(200)
                .body("objectCount", equalTo(1)).body("sizeBytes", equalTo(10));
    }

    @Test
    void presignExpiryIsBounded() {
        createBucket("bounded").statusCode(201);
        as(TestTokens.operator()).body(Map.of("key", "k", "method", "GET", "expirySeconds", 7200))
                .post("/api/v1/storage/buckets/bounded/presign").then().statusCode(400)
                .body("errors.field", hasItem("expirySeconds"));
        as(TestTokens.operator()).body(Map.of("key", "k", "method", "POST"))
                .post("/api/v1/storage/buckets/bounded/presign").then().statusCode(400)
                .body("errors.field", hasItem("method"));
    }

    @Test
    void objectsAreListedByPrefixPageByPageAndDeleted() throws Exception {
        createBucket("datasets").statusCode(201);
        for (String key : new String[] {"train/a.csv", "train/b.csv", "train/c.csv", "test/d.csv"}) {
            upload("datasets", key, "x".repeat(5));
        }
        String token = as(TestTokens.viewer()).queryParam("prefix", "train/").queryParam("size", 2)
                .get("/api/v1/storage/buckets/datasets/objects").then().statusCode(200)
                .body("items", hasSize(2)).body("truncated", equalTo(true))
                .body("items.key", hasItem("train/a.csv")).extract().path("nextToken");
        as(TestTokens.viewer()).queryParam("prefix", "train/").queryParam("size", 2)
                .queryParam("continuationToken", token)
                .get("/api/v1/storage/buckets/datasets/objects").then().statusCode(200)
                .body("items.key", equalTo(java.util.List.of("train/c.csv"))).body("truncated", equalTo(false));

        as(TestTokens.operator()).delete("/api/v1/storage/buckets/datasets/objects/train/a.csv").then()
                .statusCode(204);
        as(TestTokens.operator()).delete("/api/v1/storage/buckets/datasets/objects/train/a.csv").then()
                .statusCode(404);
        as(TestTokens.viewer()).queryParam("prefix", "train/").get("/api/v1/storage/buckets/datasets/objects")
                .then().body("items.key", not(hasItem("train/a.csv")));
    }

    @Test
    void listingParametersS3WouldRefuseAre400NamingTheParameter() throws Exception {
        createBucket("listing").statusCode(201);
        upload("listing", "logs/2026/a.txt", "a");
        as(TestTokens.viewer()).queryParam("delimiter", "/").get("/api/v1/storage/buckets/listing/objects").then()
                .statusCode(200).body("prefixes", equalTo(java.util.List.of("logs/")));
        as(TestTokens.viewer()).queryParam("prefix", "logs/").queryParam("delimiter", "/")
                .get("/api/v1/storage/buckets/listing/objects").then()
                .statusCode(200).body("prefixes", equalTo(java.util.List.of("logs/2026/")));
        for (String delimiter : new String[] {"\u2067", "\uD83D\uDE80", "/".repeat(301), "\u0000", " "}) {
            as(TestTokens.viewer()).queryParam("delimiter", delimiter).get("/api/v1/storage/buckets/listing/objects")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("delimiter"));
        }
        for (String prefix : new String[] {"../../../etc/passwd", "logs/../x", "./logs", "logs/.", "x".repeat(1025),
                "\u00fc".repeat(513)}) {
            as(TestTokens.viewer()).queryParam("prefix", prefix).get("/api/v1/storage/buckets/listing/objects")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("prefix"));
        }
        // Unicode, and a dot that only starts a key, stay valid.
        as(TestTokens.viewer()).queryParam("prefix", "logs/\u2067\uD83D\uDE80")
                .get("/api/v1/storage/buckets/listing/objects").then().statusCode(200).body("items", hasSize(0));
        as(TestTokens.viewer()).queryParam("prefix", "logs/.h").get("/api/v1/storage/buckets/listing/objects").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void nonEmptyBucketIsDeletedOnlyWhenForced() throws Exception {
        createBucket("scratch").statusCode(201);
        upload("scratch", "one.txt", "1");
        upload("scratch", "two.txt", "2");
        as(TestTokens.operator()).delete("/api/v1/storage/buckets/scratch").then().statusCode(409)
                .body("detail", containsString("force=true"));
        as(TestTokens.operator()).queryParam("force", true).delete("/api/v1/storage/buckets/scratch").then()
                .statusCode(204);
        ReceivedEvent deleted = Events.awaitValid(EventTypes.BUCKET_DELETED,
                e -> "scratch".equals(e.data().bucket().name()));
        assertThat(deleted.data().bucket().forced()).isTrue();
        assertThat(deleted.data().bucket().objectCount()).isEqualTo(2L);
        as(TestTokens.viewer()).get("/api/v1/storage/buckets/scratch").then().statusCode(404);

        createBucket("empty-one").statusCode(201);
        as(TestTokens.operator()).delete("/api/v1/storage/buckets/empty-one").then().statusCode(204);
        Events.awaitValid(EventTypes.BUCKET_DELETED, e -> "empty-one".equals(e.data().bucket().name()));
    }

    @Test
    void policyIsAClear422OnServersWithoutPoliciesAndVersioningIsSwitched() {
        createBucket("shared-art").statusCode(201);
        as(TestTokens.operator()).body(Map.of("policy", "world-writable"))
                .put("/api/v1/storage/buckets/shared-art/policy").then().statusCode(400)
                .body("errors.field", hasItem("policy"));
        // s3proxy does not implement bucket policies (MinIO does): a clear 422, never a 500.
        as(TestTokens.operator()).body(Map.of("policy", "public-read"))
                .put("/api/v1/storage/buckets/shared-art/policy").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("not supported"));
        as(TestTokens.operator()).body(Map.of("name", "born-public", "policy", "public-read"))
                .post("/api/v1/storage/buckets").then().statusCode(422);
        as(TestTokens.viewer()).get("/api/v1/storage/buckets/born-public").then().statusCode(404);
        as(TestTokens.operator()).body(Map.of("enabled", true))
                .put("/api/v1/storage/buckets/shared-art/versioning").then().statusCode(200)
                .body("versioning", equalTo(true));
        as(TestTokens.operator()).body(Map.of("enabled", false))
                .put("/api/v1/storage/buckets/shared-art/versioning").then().statusCode(200)
                .body("versioning", equalTo(false));
        as(TestTokens.operator()).body(Map.of()).put("/api/v1/storage/buckets/shared-art/versioning").then()
                .statusCode(400).body("errors.field", hasItem("enabled"));
    }

    static void upload(String bucket, String key, String content) throws Exception {
        String url = as(TestTokens.operator()).body(Map.of("key", key, "method", "PUT"))
                .post("/api/v1/storage/buckets/" + bucket + "/presign").then().statusCode(200).extract().path("url");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString(content)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }
}
