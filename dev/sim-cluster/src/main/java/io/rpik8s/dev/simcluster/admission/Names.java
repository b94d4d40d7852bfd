package io.rpik8s.dev.simcluster.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** kube-apiserver's name and label syntax (k8s.io/apimachinery validation), with its messages. */
final class Names {

    private static final String LABEL_1123 = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS_1123_LABEL = Pattern.compile(LABEL_1123);
    private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile(LABEL_1123 + "(\\." + LABEL_1123 + ")*");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
            + "used for validation is '" + LABEL_1123 + "(\\." + LABEL_1123 + ")*')";
    static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
            + "or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used "
            + "for validation is '" + LABEL_1123 + "')";
    static final String DNS_1035_MESSAGE = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
            + "start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private Names() {
    }

    /** The message for a name that is not a DNS-1123 subdomain of at most 253 characters, or null. */
    static String subdomain(String name) {
        if (name.length() > 253) {
            return "must be no more than 253 characters";
        }
        return DNS_1123_SUBDOMAIN.matcher(name).matches() ? null : SUBDOMAIN_MESSAGE;
    }

    /** The message for a name that is not a DNS-1123 label of at most 63 characters, or null. */
    static String label(String name) {
        if (name.length() > 63) {
            return "must be no more than 63 characters";
        }
        return DNS_1123_LABEL.matcher(name).matches() ? null : LABEL_MESSAGE;
    }

    /** The message for a name that is not a DNS-1035 label (Services), or null. */
    static String dns1035(String name) {
        if (name.length() > 63) {
            return "must be no more than 63 characters";
        }
        return DNS_1035_LABEL.matcher(name).matches() ? null : DNS_1035_MESSAGE;
    }

    /** Label (or annotation) keys and label values of {@code labels}, checked into {@code causes} at {@code field}. */
    static void labels(JsonNode labels, String field, boolean values, List<Cause> causes) {
        labels.fields().forEachRemaining(e -> {
            String keyProblem = qualifiedName(e.getKey());
            if (keyProblem != null) {
                causes.add(Cause.invalid(field, e.getKey(), keyProblem));
            }
            if (values) {
                String value = e.getValue().asText();
                if (value.length() > 63) {
                    causes.add(Cause.invalid(field, value, "must be no more than 63 characters"));
                } else if (!LABEL_VALUE.matcher(value).matches()) {
                    causes.add(Cause.invalid(field, value, "a valid label must be an empty string or consist of "
                            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                            + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                            + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
                }
            }
        });
    }

    /** A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
    static String qualifiedName(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || subdomain(prefix) != null) {
                return "prefix part " + SUBDOMAIN_MESSAGE;
            }
        }
        if (name.isEmpty() || name.length() > 63) {
            return "name part must be non-empty and no more than 63 characters";
        }
        return QUALIFIED_NAME.matcher(name).matches() ? null : "name part must consist of alphanumeric characters, "
                + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                + "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    }

    /** Keys of a ConfigMap's or Secret's data. */
    static void configKeys(JsonNode data, String field, List<Cause> causes) {
        data.fieldNames().forEachRemaining(key -> {
            if (!CONFIG_KEY.matcher(key).matches() || key.length() > 253) {
                causes.add(Cause.invalid(field + "[" + key + "]", key, "a valid config key must consist of "
                        + "alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
                        + "regex used for validation is '[-._a-zA-Z0-9]+')"));
            }
        });
    }
}
