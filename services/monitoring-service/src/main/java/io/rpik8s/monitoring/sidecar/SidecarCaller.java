package io.rpik8s.monitoring.sidecar;

/**
 * A sidecar as the Kubernetes API vouched for it: its pod's service account and the pod its token is bound to.
 *
 * @param username       {@code system:serviceaccount:<namespace>:<serviceAccount>}
 * @param namespace      the service account's (and so the pod's) namespace
 * @param serviceAccount the service account's name
 * @param pod            the pod the token is bound to, from the review's extra info; null for a token not bound to
 *                       a pod (a legacy Secret token), which speaks for no app
 */
public record SidecarCaller(String username, String namespace, String serviceAccount, String pod) {

    /** The only role of a sidecar's identity. */
    public static final String ROLE = "sidecar";
    /** The identity attribute holding this record. */
    public static final String ATTRIBUTE = SidecarCaller.class.getName();
    static final String POD_NAME_EXTRA = "authentication.kubernetes.io/pod-name";
    private static final String PREFIX = "system:serviceaccount:";

    /** The caller a reviewed username and its extra info describe, or null when it is no service account. */
    static SidecarCaller of(String username, java.util.Map<String, java.util.List<String>> extra) {
        if (username == null || !username.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = username.substring(PREFIX.length()).split(":", 2);
        if (parts.length != 2) {
            return null;
        }
        java.util.List<String> pods = extra == null ? null : extra.get(POD_NAME_EXTRA);
        return new SidecarCaller(username, parts[0], parts[1], pods == null || pods.isEmpty() ? null : pods.get(0));
    }
}
