package io.rpik8s.dev.simcluster.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The {@code pod-template-hash}: FNV-32a of the pod template, encoded with Kubernetes' safe alphabet. */
final class TemplateHash {

    static final String LABEL = "pod-template-hash";
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final ObjectMapper SORTED = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TemplateHash() {
    }

    static String of(PodTemplateSpec template) {
        PodTemplateSpec copy = Serialization.clone(template);
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            Map<String, String> labels = new HashMap<>(copy.getMetadata().getLabels());
            labels.remove(LABEL);
            copy.getMetadata().setLabels(labels);
        }
        try {
            // Empty values are pruned: a client may send "resources": {} where another omits it (Go's structs
            // make no difference between the two, so neither must the hash).
            Object tree = prune(Serialization.jsonMapper().convertValue(copy, Map.class));
            byte[] bytes = SORTED.writeValueAsBytes(tree);
            int hash = 0x811c9dc5;
            for (byte b : bytes) {
                hash ^= (b & 0xff);
                hash *= 0x01000193;
            }
            return safeEncode(Integer.toUnsignedString(hash));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object prune(Object value) {
        if (value instanceof Map<?, ?> map) {
            java.util.TreeMap<String, Object> result = new java.util.TreeMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                Object pruned = prune(v);
                if (pruned != null) {
                    result.put(k, pruned);
                }
            });
            return result.isEmpty() ? null : result;
        }
        if (value instanceof java.util.List<?> list) {
            java.util.List<Object> result = new java.util.ArrayList<>();
            for (Object element : list) {
                Object pruned = prune(element);
                result.add(pruned == null ? Map.of() : pruned);
            }
            return result.isEmpty() ? null : result;
        }
        return value;
    }

    static String safeEncode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.US_ASCII)) {
            b.append(ALPHABET.charAt((c & 0xff) % ALPHABET.length()));
        }
        return b.toString();
    }

    static String randomSuffix(java.util.Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
