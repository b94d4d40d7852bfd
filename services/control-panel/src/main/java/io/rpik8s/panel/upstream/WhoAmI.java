package io.rpik8s.panel.upstream;

import java.util.Set;

/** Who a token belongs to and its effective roles, as a service verified it. */
public record WhoAmI(String subject, Set<String> roles) {
}
