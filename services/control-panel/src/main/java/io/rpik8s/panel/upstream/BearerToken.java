package io.rpik8s.panel.upstream;

import io.rpik8s.panel.session.CurrentRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Adds the signed-in user's token to every call to a service: the services, not the panel, decide what is allowed. */
@ApplicationScoped
public class BearerToken implements ClientHeadersFactory {

    @Inject
    CurrentRequest current;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        current.session().ifPresent(s -> headers.putSingle("Authorization", "Bearer " + s.token()));
        return headers;
    }
}
