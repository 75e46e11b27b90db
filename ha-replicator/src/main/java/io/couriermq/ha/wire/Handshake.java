package io.couriermq.ha.wire;

import java.util.Objects;

/**
 * What a slave tells the master about its log when it connects.
 *
 * @param slaveId        the slave's name, for status and logs
 * @param receivedOffset where the bytes it received end, a partial record included: where streaming resumes
 * @param endOffset      where its complete records end
 * @param checksumFrom   where the checksummed range starts; it ends at {@code endOffset}
 * @param checksum       CRC32C of the slave's log bytes in {@code [checksumFrom, endOffset)}
 */
public record Handshake(String slaveId, long receivedOffset, long endOffset, long checksumFrom, int checksum) {

    public Handshake {
        Objects.requireNonNull(slaveId, "slaveId");
        if (checksumFrom < 0 || checksumFrom > endOffset || endOffset > receivedOffset) {
            throw new IllegalArgumentException("handshake offsets must satisfy 0 <= checksumFrom <= endOffset <= "
                    + "receivedOffset: checksumFrom=" + checksumFrom + ", endOffset=" + endOffset
                    + ", receivedOffset=" + receivedOffset);
        }
    }
}
