package io.rpik8s.commons.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The object mapper of every REST body: the application's mapper, plus refusal of control characters in every string
 * value and object key, so that no field of any route can carry a NUL byte to PostgreSQL or a log, and refusal of
 * fields the body's type does not have, so that a misspelt field ({@code replicaz}, {@code eventTypes}) is a 400
 * naming it instead of a default applied in silence (kubectl's strict field validation does the same). Scoped to the
 * REST layer: Kafka events and stored JSON keep the plain mapper, which ignores fields a newer producer added.
 */
@Provider
public class RequestBodyMapper implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper;

    @Inject
    public RequestBodyMapper(ObjectMapper application) {
        this.mapper = application.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(new SimpleModule("plain-text")
                        .addDeserializer(String.class, new PlainTextDeserializer())
                        .addKeyDeserializer(String.class, new PlainTextDeserializer.Keys()));
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
