package io.rpik8s.commons.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.rpik8s.commons.auth.AuthConfig;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.auth.PlatformTokens;
import io.rpik8s.model.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who am I, and minting tokens for other people (admin only). Served by every service. */
@Path("/api/v1/auth")
@Tag(name = "auth")
public class AuthResource {

    private final SecurityIdentity identity;
    private final AuthConfig config;

    public AuthResource(SecurityIdentity identity, AuthConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /** The caller's identity as this service sees it. */
    public record WhoAmI(String subject, Set<String> roles) {
    }

    /** A token request: who it is for, which roles, how long it lives. */
    public record TokenRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}", message = "1-64 letters, digits, . _ @ -")
            String subject,
            @NotEmpty List<@Pattern(regexp = "viewer|operator|admin", message = "must be viewer, operator or admin")
                    String> roles,
            @Min(value = 1, message = "must be at least 1 hour") @Max(value = 8760, message = "must be at most 1 year")
            Integer ttlHours) {
    }

    /** A minted token; shown once, not stored. */
    public record TokenResponse(String token, String subject, Set<String> roles, Instant expiresAt) {
    }

    @GET
    @Path("/whoami")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The caller's subject and effective roles")
    public WhoAmI whoami() {
        return new WhoAmI(identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()));
    }

    @POST
    @Path("/tokens")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Mint a bearer token for someone else (admin)")
    public Response mint(@Valid @NotNull TokenRequest request) {
        if (config.oidc().issuer().isPresent() || config.signingKey().isEmpty()) {
            throw ApiProblem.unprocessable("Tokens are issued by the configured OIDC issuer, not by the platform");
        }
        Duration ttl = Duration.ofHours(request.ttlHours() == null ? 24 : request.ttlHours());
        Set<String> roles = new LinkedHashSet<>(request.roles());
        String token = PlatformTokens.mint(config.signingKey().get(), request.subject(), roles, ttl);
        return Response.status(Response.Status.CREATED)
                .entity(new TokenResponse(token, request.subject(), roles, Instant.now().plus(ttl)))
                .build();
    }
}
