package io.rpik8s.model.auth;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Command line: prints a bearer token. The key is read from {@code PLATFORM_AUTH_SIGNING_KEY}, never from arguments,
 * so it stays out of shell history. Usage: {@code MintToken <subject> <role>[,<role>] [ttl-hours]}.
 */
public final class MintToken {

    private MintToken() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: mint-token <subject> <viewer|operator|admin>[,...] [ttl-hours, default 24]");
            System.exit(2);
        }
        String key = System.getenv("PLATFORM_AUTH_SIGNING_KEY");
        Set<String> roles = new LinkedHashSet<>(Set.of(args[1].split(",")));
        Duration ttl = Duration.ofHours(args.length > 2 ? Long.parseLong(args[2]) : 24);
        try {
            System.out.println(PlatformTokens.mint(key, args[0], roles, ttl));
        } catch (IllegalArgumentException e) {
            System.err.println("mint-token: " + e.getMessage());
            System.exit(2);
        }
    }
}
