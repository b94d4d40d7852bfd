package io.rpik8s.dev.simcluster;

import java.util.Arrays;
import java.util.Optional;

/**
 * A parsed Kubernetes REST path: {@code /api/v1/namespaces/ns/pods/name/log} or {@code /apis/apps/v1/deployments}.
 *
 * @param group "" for the core group
 * @param namespace null for cluster-scoped or all-namespace requests
 * @param name null for collections
 * @param subresource null, or status, scale, log...
 */
record ResourcePath(String group, String version, String namespace, String plural, String name, String subresource) {

    static Optional<ResourcePath> parse(String path) {
        String[] s = Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toArray(String[]::new);
        int i;
        String group;
        if (s.length >= 3 && "api".equals(s[0])) {
            group = "";
            i = 1;
        } else if (s.length >= 4 && "apis".equals(s[0])) {
            group = s[1];
            i = 2;
        } else {
            return Optional.empty();
        }
        String version = s[i];
        String[] rest = Arrays.copyOfRange(s, i + 1, s.length);
        String namespace = null;
        if (rest.length >= 3 && "namespaces".equals(rest[0]) && !("status".equals(rest[2]) || "finalize".equals(rest[2]))) {
            namespace = rest[1];
            rest = Arrays.copyOfRange(rest, 2, rest.length);
        }
        if (rest.length == 0 || rest.length > 3) {
            return Optional.empty();
        }
        return Optional.of(new ResourcePath(group, version, namespace, rest[0], rest.length > 1 ? rest[1] : null,
                rest.length > 2 ? rest[2] : null));
    }

    String collectionPath() {
        StringBuilder b = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespace != null) {
            b.append("/namespaces/").append(namespace);
        }
        return b.append('/').append(plural).toString();
    }

    String objectPath() {
        return collectionPath() + "/" + name;
    }

    String qualifiedResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
