package io.rpik8s.commons.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request size limits answered with problem+json. Vert.x's own limits ({@code quarkus.http.limits.*}) are set higher
 * so that these are met first: Vert.x answers its own with an empty body.
 */
@ConfigMapping(prefix = "platform.http.limits")
public interface HttpLimitsConfig {

    /** Longest request URI (path and query) answered normally; longer ones get 414. */
    @WithDefault("4096")
    int maxUriLength();

    /** Largest total size of the request's header names and values; larger ones get 431. */
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    /** Largest declared request body ({@code Content-Length}); larger ones get 413 before the body is read. */
    @WithDefault("1M")
    MemorySize maxBodySize();
}
