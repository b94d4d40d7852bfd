package io.rpik8s.dev.simcluster.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.dev.simcluster.SharedCluster;
import io.rpik8s.dev.simcluster.admission.Api.Answer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Custom resources are validated against their CRD's openAPIV3Schema, and refused as kube-apiserver refuses them. */
class CrdValidationTest {

    private static final String WIDGET_CRD = """
            {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
             "metadata": {"name": "widgets.test.rpi-k8s.io"},
             "spec": {"group": "test.rpi-k8s.io", "scope": "Namespaced",
               "names": {"kind": "Widget", "plural": "widgets", "singular": "widget"},
               "versions": [{"name": "v1", "served": true, "storage": true, "schema": {"openAPIV3Schema": {
                 "type": "object", "properties": {"spec": {"type": "object", "required": ["size"], "properties": {
                   "size": {"type": "string", "enum": ["small", "large"]},
                   "code": {"type": "string", "pattern": "^[A-Z]{3}$", "maxLength": 3},
                   "tags": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "string"}},
                   "limits": {"type": "object", "additionalProperties": {"type": "integer", "maximum": 10}},
                   "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}}}}}]}}
            """;

    private static final Api API = new Api(SharedCluster.get());
    private static final String NS = "crd-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PLATFORM_APPS = "/apis/rpi-k8s.io/v1alpha1/namespaces/" + NS + "/platformapps";
    private static final String WIDGETS = "/apis/test.rpi-k8s.io/v1/namespaces/" + NS + "/widgets";

    @BeforeAll
    static void setUp() {
        Answer created = API.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS + "\"}}");
        assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
        int code = API.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", WIDGET_CRD).code();
        assertThat(code).isIn(201, 409);
    }

    @Test
    void aPlatformAppOutsideItsBoundsIsRefusedWith422NamingEachField() {
        Answer answer = API.post(PLATFORM_APPS, platformApp("bounds", "\"replicas\": -1, \"servicePort\": 70000"));

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.body().path("kind").asText()).isEqualTo("Status");
        assertThat(answer.body().path("reason").asText()).isEqualTo("Invalid");
        assertThat(answer.body().path("code").asInt()).isEqualTo(422);
        assertThat(answer.body().path("details").path("kind").asText()).isEqualTo("PlatformApp");
        assertThat(answer.body().path("details").path("group").asText()).isEqualTo("rpi-k8s.io");
        assertThat(answer.fields()).containsExactly("spec.replicas", "spec.servicePort");
        assertThat(answer.body().path("message").asText()).isEqualTo("PlatformApp.rpi-k8s.io \"bounds\" is invalid: ["
                + "spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0, "
                + "spec.servicePort: Invalid value: 70000: spec.servicePort in body should be less than or equal to 65535]");
        assertThat(API.get(PLATFORM_APPS + "/bounds").code()).as("nothing stored").isEqualTo(404);
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        Answer answer = API.post(PLATFORM_APPS, platformApp("typed", "\"replicas\": \"two\""));

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.body().path("details").path("causes").get(0).path("reason").asText())
                .isEqualTo("FieldValueTypeInvalid");
        assertThat(answer.body().path("details").path("causes").get(0).path("message").asText())
                .isEqualTo("Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"");
    }

    @Test
    void unknownFieldsArePrunedWithAWarningOrRefusedUnderStrictFieldValidation() {
        Answer pruned = API.post(PLATFORM_APPS, platformApp("pruned", "\"replicas\": 1, \"colour\": \"blue\""));
        assertThat(pruned.code()).isEqualTo(201);
        assertThat(pruned.body().path("spec").has("colour")).isFalse();
        assertThat(pruned.warnings()).containsExactly("299 - \"unknown field \\\"spec.colour\\\"\"");
        assertThat(API.get(PLATFORM_APPS + "/pruned").body().path("spec").has("colour")).isFalse();

        Answer strict = API.post(PLATFORM_APPS + "?fieldValidation=Strict", platformApp("strict", "\"colour\": \"blue\""));
        assertThat(strict.code()).isEqualTo(400);
        assertThat(strict.body().path("reason").asText()).isEqualTo("BadRequest");
        assertThat(strict.body().path("message").asText()).isEqualTo("PlatformApp in version \"v1alpha1\" cannot be "
                + "handled as a PlatformApp: strict decoding error: unknown field \"spec.colour\"");
    }

    @Test
    void freeFormConfigKeepsWhatItIsGiven() {
        Answer answer = API.post(PLATFORM_APPS, platformApp("free", "\"config\": {\"anything\": {\"goes\": [1, 2]}}"));

        assertThat(answer.code()).isEqualTo(201);
        assertThat(answer.body().path("spec").path("config").path("anything").path("goes").size()).isEqualTo(2);
        assertThat(answer.warnings()).isEmpty();
    }

    @Test
    void requiredEnumPatternLengthItemCountsAndMapValuesAreChecked() {
        assertThat(API.post(WIDGETS, widget("empty", "")).fields()).containsExactly("spec.size");
        assertThat(API.post(WIDGETS, widget("empty", "")).body().path("details").path("causes").get(0).path("message")
                .asText()).isEqualTo("Required value");

        Answer answer = API.post(WIDGETS, widget("wrong", "\"size\": \"medium\", \"code\": \"abcd\", \"tags\": [],"
                + " \"limits\": {\"cpu\": 11}"));
        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.body().path("details").path("causes")).extracting(c -> c.path("reason").asText() + " "
                + c.path("field").asText() + ": " + c.path("message").asText()).containsExactlyInAnyOrder(
                "FieldValueNotSupported spec.size: Unsupported value: \"medium\": supported values: \"small\", \"large\"",
                "FieldValueInvalid spec.code: Invalid value: \"abcd\": spec.code in body should match '^[A-Z]{3}$'",
                "FieldValueTooLong spec.code: Too long: may not be more than 3 bytes",
                "FieldValueInvalid spec.tags: Invalid value: \"0\": spec.tags in body should have at least 1 items",
                "FieldValueInvalid spec.limits.cpu: Invalid value: 11: spec.limits.cpu in body should be less than or equal to 10");

        assertThat(API.post(WIDGETS, widget("many", "\"size\": \"small\", \"tags\": [\"a\", \"b\", \"c\"]"))
                .body().path("details").path("causes").get(0).path("message").asText())
                .isEqualTo("Too many: 3: must have at most 2 items");
        assertThat(API.post(WIDGETS, widget("fine", "\"size\": \"small\", \"code\": \"ABC\", \"tags\": [\"a\"]"))
                .code()).isEqualTo(201);
    }

    @Test
    void anUpdateIsValidatedLikeACreate() {
        assertThat(API.post(WIDGETS, widget("kept", "\"size\": \"small\"")).code()).isEqualTo(201);

        Answer answer = API.patch(WIDGETS + "/kept", "application/merge-patch+json", "{\"spec\": {\"size\": \"huge\"}}");

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.fields()).containsExactly("spec.size");
        assertThat(API.get(WIDGETS + "/kept").body().path("spec").path("size").asText()).isEqualTo("small");
    }

    private static String platformApp(String name, String spec) {
        return "{\"apiVersion\": \"rpi-k8s.io/v1alpha1\", \"kind\": \"PlatformApp\", \"metadata\": {\"name\": \"" + name
                + "\"}, \"spec\": {\"image\": \"nginx:1.27\"" + (spec.isEmpty() ? "" : ", " + spec) + "}}";
    }

    private static String widget(String name, String spec) {
        return "{\"apiVersion\": \"test.rpi-k8s.io/v1\", \"kind\": \"Widget\", \"metadata\": {\"name\": \"" + name
                + "\"}, \"spec\": {" + spec + "}}";
    }
}
