package io.couriermq.store.segment;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one place that maps and unmaps files. Java unmaps a mapping only when its buffer is garbage collected;
 * a store that deletes segments must release address space and file handles promptly, so we invoke the
 * buffer's cleaner through {@code sun.misc.Unsafe}, which the JDK exports for exactly this
 * (jdk.unsupported). After {@link #unmap}, touching the buffer crashes the JVM: callers guarantee, by reference
 * counting, that nobody holds it.
 */
public final class Mmap {

    private static final sun.misc.Unsafe UNSAFE = loadUnsafe();

    private Mmap() {
    }

    /** Maps {@code size} bytes of the file read-write, growing the file (sparsely) to that size if needed. */
    public static MappedByteBuffer map(Path file, int size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (channel.size() < size) {
                extendTo(channel, size);
            }
            // The mapping stays valid after the channel is closed.
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
    }

    /** Writing the last byte grows the file without allocating the blocks before it. */
    private static void extendTo(FileChannel channel, int size) throws IOException {
        channel.write(ByteBuffer.allocate(1), size - 1L);
    }

    public static void unmap(MappedByteBuffer buffer) {
        UNSAFE.invokeCleaner(buffer);
    }

    private static sun.misc.Unsafe loadUnsafe() {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
