package io.rpik8s.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code database} object of database events. Never carries a password.
 *
 * @param name       database name
 * @param owner      the login role that owns it
 * @param namespace  namespace of the app the database belongs to
 * @param secretName the Secret in that namespace holding the connection details
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatabasePayload(String name, String owner, String namespace, String secretName) {
}
