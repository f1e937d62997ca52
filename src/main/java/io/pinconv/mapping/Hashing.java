package io.pinconv.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 as Pinterest wants it: lowercase hex of the UTF-8 bytes; values that already are digests pass. */
public final class Hashing {

    private Hashing() {}

    public static boolean isSha256Hex(String value) {
        // asked of every personal value, hashed or not: a length check first, no regular expression
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** A digest per thread: looking the algorithm up for every value cost more than hashing it. Holds no data between calls. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private static final HexFormat HEX = HexFormat.of();

    public static String sha256Hex(String value) {
        // digest() resets it for the next value
        return HEX.formatHex(SHA256.get().digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Hashes a normalised value, unless the segment already holds its digest: hashing a digest again
     * would make it unmatchable, the mistake peers made with pre-hashed columns.
     */
    public static String hashUnlessDigest(String normalised) {
        return isSha256Hex(normalised) ? normalised.toLowerCase(Locale.ROOT) : sha256Hex(normalised);
    }
}
