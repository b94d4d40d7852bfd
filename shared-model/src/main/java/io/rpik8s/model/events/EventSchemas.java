package io.rpik8s.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of the event types ({@code schemas/<type>.json} on the classpath) and validation against them.
 * Producers' tests validate what they really emit; receivers may validate what they get.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The classpath resource holding the schema of {@code type}. */
    public static String resourceOf(String type) {
        return "schemas/" + type + ".json";
    }

    /** Validation errors of the given event data (empty when valid); the schema is chosen by its {@code event}. */
    public static List<String> validate(String json) {
        try {
            return validate(EventJson.mapper().readTree(json));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    public static List<String> validate(JsonNode data) {
        JsonNode event = data.get("event");
        if (event == null || !event.isTextual()) {
            return List.of("$.event: missing");
        }
        if (!EventTypes.isKnown(event.asText())) {
            return List.of("$.event: unknown event type " + event.asText());
        }
        return schemaOf(event.asText()).validate(data).stream().map(ValidationMessage::getMessage).toList();
    }

    public static List<String> validate(PlatformEvent event) {
        return validate(EventJson.mapper().valueToTree(event));
    }

    private static JsonSchema schemaOf(String type) {
        return CACHE.computeIfAbsent(type, t -> {
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resourceOf(t))) {
                if (in == null) {
                    throw new IllegalStateException("No schema for event type " + t);
                }
                return FACTORY.getSchema(in, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
