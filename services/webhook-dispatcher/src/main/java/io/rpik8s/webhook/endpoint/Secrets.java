package io.rpik8s.webhook.endpoint;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/** Generates signing material: {@code whsec_} HMAC secrets and ed25519 key pairs ({@code whpk_} public keys). */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code whsec_} + base64 of 32 random bytes (Standard Webhooks asks for 24 to 64). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    /** A new ed25519 pair: private key as base64 PKCS#8 (kept), public key as {@code whpk_} + base64 of the raw key. */
    public static String[] newEd25519Pair() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            // The X.509 encoding of an Ed25519 key ends with the 32 raw key bytes.
            byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            return new String[] {Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                    "whpk_" + Base64.getEncoder().encodeToString(raw)};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** Whether {@code secret} is a well-formed {@code whsec_} secret of at least 24 bytes. */
    public static boolean isValid(String secret) {
        if (secret == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(secret.substring(6)).length >= 24;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
