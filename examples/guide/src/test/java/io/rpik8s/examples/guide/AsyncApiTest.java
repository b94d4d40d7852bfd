package io.rpik8s.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml is valid AsyncAPI 3.0.0 and describes every event type the platform publishes on Kafka, on its
 * topic, with shared-model's schema of that type as the payload. The AsyncAPI 3.0.0 JSON Schema in the test resources
 * is {@code schemas/3.0.0-without-$id.json} of the npm package {@code @asyncapi/specs} 6.11.1 (Apache-2.0).
 */
class AsyncApiTest {

    static final Path DOCS = GuideSnippetsTest.ROOT.resolve("docs");
    static final JsonNode DOC = read(DOCS.resolve("asyncapi.yaml"));

    @Test
    void theDocumentIsValidAsyncApi3() throws Exception {
        try (InputStream schema = AsyncApiTest.class.getResourceAsStream("/asyncapi-3.0.0.schema.json")) {
            Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                    .getSchema(schema).validate(DOC);
            assertThat(errors).isEmpty();
        }
        assertThat(DOC.path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void everyEventTypeOnKafkaIsAMessageOfItsTopicsChannel() {
        Map<String, Set<String>> documented = new TreeMap<>();
        DOC.path("channels").forEach(channel -> channel.path("messages").fieldNames().forEachRemaining(type ->
                documented.computeIfAbsent(channel.path("address").asText(), t -> new TreeSet<>()).add(type)));

        Map<String, Set<String>> published = new TreeMap<>();
        for (String type : EventTypes.all()) {
            if (EventTypes.topicOf(type) != null) { // webhook.test is built for one endpoint, never on Kafka
                published.computeIfAbsent(EventTypes.topicOf(type), t -> new TreeSet<>()).add(type);
            }
        }
        assertThat(documented).isEqualTo(published);
    }

    @Test
    void eachPayloadIsSharedModelsSchemaOfThatType() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (var messages = DOC.path("components").path("messages").fields(); messages.hasNext(); ) {
            var message = messages.next();
            Path schema = DOCS.resolve(message.getValue().path("payload").path("$ref").asText()).normalize();
            Path expected = GuideSnippetsTest.ROOT.resolve("shared-model/src/main/resources")
                    .resolve(EventSchemas.resourceOf(message.getKey()));
            if (!schema.equals(expected) || !Files.exists(schema)) {
                wrong.add(message.getKey() + " -> " + schema);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(DOC.path("components").path("messages").size()).isEqualTo(EventTypes.all().size() - 1);
    }

    @Test
    void everyInternalReferenceResolves() {
        List<String> dangling = new ArrayList<>();
        DOC.findValues("$ref").forEach(ref -> {
            String pointer = ref.asText();
            if (pointer.startsWith("#") && DOC.at(pointer.substring(1).replace("~1", "/")).isMissingNode()) {
                dangling.add(pointer);
            }
        });
        assertThat(dangling).isEmpty();
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().valueToTree(new YAMLMapper().readValue(file.toFile(), Object.class));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
