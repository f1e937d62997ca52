package io.pinconv.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 as Pinterest wants it: lowercase hex of the UTF-8 bytes; values that already are digests pass. */
public final class Hashing {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private Hashing() { }

    public static boolean isSha256Hex(String value) {
        return SHA256_HEX.matcher(value).matches();
    }

    public static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Hashes a normalised value, unless the segment already holds its digest: hashing a digest again
     * would make it unmatchable, the mistake peers made with pre-hashed columns.
     */
    public static String hashUnlessDigest(String normalised) {
        return isSha256Hex(normalised) ? normalised.toLowerCase(java.util.Locale.ROOT) : sha256Hex(normalised);
    }
}
