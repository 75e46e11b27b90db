package io.couriermq.client.internal;

import apache.rocketmq.v2.Digest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Checks a received body against the digest the broker sent with it, computed over the body bytes as they travel
 * (before any decompression). CRC32 checksums are compared as numbers, so zero padding and case do not matter;
 * MD5 and SHA-1 as hex, ignoring case. A message without a digest type cannot be checked and counts as intact.
 */
public final class BodyDigests {

    private static final Logger LOG = LoggerFactory.getLogger(BodyDigests.class);

    private BodyDigests() {
    }

    /** True if the body matches the digest (or there is nothing to check against). */
    public static boolean matches(Digest digest, byte[] body) {
        String expected = digest.getChecksum();
        return switch (digest.getType()) {
            case CRC32 -> crc32Matches(expected, body);
            case MD5 -> hash("MD5", body).equalsIgnoreCase(expected);
            case SHA1 -> hash("SHA-1", body).equalsIgnoreCase(expected);
            case DIGEST_TYPE_UNSPECIFIED, UNRECOGNIZED -> {
                LOG.debug("message without a known digest type ({}): body not checked", digest.getType());
                yield true;
            }
        };
    }

    private static boolean crc32Matches(String expected, byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        try {
            return Long.parseLong(expected, 16) == crc.getValue();
        } catch (NumberFormatException notHex) {
            return false;
        }
    }

    private static String hash(String algorithm, byte[] body) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
