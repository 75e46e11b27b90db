package io.couriermq.store.commitlog;

import java.nio.ByteBuffer;

/**
 * A direct buffer the writer lays a record out in before writing it to a file. Direct, because a channel copies a
 * heap buffer into a temporary direct one on every write. It grows to the largest record seen and is reused.
 *
 * <p>Not thread-safe: owned by the log's writer.
 */
final class StagingBuffer {

    private static final int INITIAL_CAPACITY = 64 * 1024;

    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY);

    /** The buffer with position 0 and limit {@code length}; its previous contents are garbage. */
    ByteBuffer take(int length) {
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(Math.max(length, buffer.capacity() * 2));
        }
        return buffer.clear().limit(length);
    }
}
