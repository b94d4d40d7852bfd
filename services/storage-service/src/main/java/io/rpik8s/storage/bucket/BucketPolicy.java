package io.rpik8s.storage.bucket;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The named access policies a bucket can be given; {@code PRIVATE} means no bucket policy at all. */
public enum BucketPolicy {

    PRIVATE("private", List.of(), List.of()),
    PUBLIC_READ("public-read", List.of("s3:GetBucketLocation", "s3:ListBucket"), List.of("s3:GetObject")),
    PUBLIC_READ_WRITE("public-read-write", List.of("s3:GetBucketLocation", "s3:ListBucket"),
            List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")),
    UPLOAD_ONLY("upload-only", List.of("s3:GetBucketLocation"), List.of("s3:PutObject"));

    private final String label;
    private final List<String> bucketActions;
    private final List<String> objectActions;

    BucketPolicy(String label, List<String> bucketActions, List<String> objectActions) {
        this.label = label;
        this.bucketActions = bucketActions;
        this.objectActions = objectActions;
    }

    public String label() {
        return label;
    }

    public static Optional<BucketPolicy> byLabel(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst();
    }

    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(BucketPolicy::label).toList());
    }

    /** The S3 policy document granting anonymous users this policy's actions on {@code bucket}. */
    public String document(String bucket) {
        return """
                {"Version":"2012-10-17","Statement":[\
                {"Effect":"Allow","Principal":{"AWS":["*"]},"Action":%s,"Resource":["arn:aws:s3:::%s"]},\
                {"Effect":"Allow","Principal":{"AWS":["*"]},"Action":%s,"Resource":["arn:aws:s3:::%s/*"]}]}"""
                .formatted(json(bucketActions), bucket, json(objectActions), bucket);
    }

    /** Which named policy a stored document is, by the object actions it grants; {@code custom} when none. */
    public static String labelOf(String document) {
        String compact = document.replaceAll("\\s", "");
        BucketPolicy best = null;
        for (BucketPolicy p : values()) {
            if (p != PRIVATE && p.objectActions.stream().allMatch(a -> compact.contains("\"" + a + "\""))
                    && (best == null || p.objectActions.size() > best.objectActions.size())) {
                best = p;
            }
        }
        return best == null ? "custom" : best.label;
    }

    private static String json(List<String> actions) {
        return actions.stream().map(a -> "\"" + a + "\"").toList().toString().replace(" ", "");
    }
}
