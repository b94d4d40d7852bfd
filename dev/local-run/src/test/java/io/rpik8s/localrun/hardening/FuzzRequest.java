package io.rpik8s.localrun.hardening;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One generated hostile request: which operation it attacks, what was made bad ({@code attack}), and the request
 * itself. {@code index} and the run's seed replay it.
 *
 * @param authorization the Authorization header (null: none)
 * @param body the raw body (null: none)
 * @param expectedStatus the one status the request must get (0: any non-5xx)
 */
record FuzzRequest(int index, OpenApiCatalog.Operation operation, String attack, String method, String pathAndQuery,
        String authorization, Map<String, String> headers, byte[] body, int expectedStatus) {

    /** A short description for a failure report (bodies cut to 160 characters). */
    String describe() {
        String shownBody = body == null ? "" : " body=" + abbreviate(new String(body, StandardCharsets.UTF_8));
        String shownHeaders = headers.isEmpty() ? "" : " headers=" + headers.keySet();
        return "#" + index + " [" + attack + "] " + method + " " + abbreviate(pathAndQuery) + shownHeaders + shownBody;
    }

    private static String abbreviate(String s) {
        String visible = s.replace("\u0000", "\\u0000");
        return visible.length() <= 160 ? visible : visible.substring(0, 160) + "...(" + visible.length() + " chars)";
    }
}
