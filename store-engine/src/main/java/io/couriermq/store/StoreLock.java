package io.couriermq.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the store directory, so two processes (or two stores in one) never write the same
 * files. The operating system drops the lock when the process dies, so a crash leaves nothing to clean up.
 */
final class StoreLock implements AutoCloseable {

    private static final String FILE_NAME = "lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StoreLock acquire(Path storeDir) throws IOException {
        FileChannel channel = FileChannel.open(storeDir.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new StoreException(StoreErrorCode.IO_ERROR, "store directory " + storeDir
                    + " is in use by another store");
        }
        return new StoreLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
