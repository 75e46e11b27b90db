package io.couriermq.store.retention;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Space on the file system that holds the store.
 *
 * @param totalBytes  the file system's size
 * @param freeBytes   unallocated bytes, blocks reserved for the superuser included
 * @param usableBytes unallocated bytes this process may write to
 */
public record DiskUsage(long totalBytes, long freeBytes, long usableBytes) {

    public static DiskUsage of(Path dir) throws IOException {
        FileStore store = Files.getFileStore(dir);
        return new DiskUsage(store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace());
    }

    /**
     * Share of the space this process can write to that is in use, as {@code df} reports it: used over used plus
     * usable. Reserved blocks count neither way; counting them as used made a disk with a large reservation look
     * far fuller than it is, and pressure cleanup delete data the disk had room for.
     */
    public double usedRatio() {
        return usedRatioAfterFreeing(0);
    }

    /** The used ratio once {@code freedBytes} more are free: they move from used to usable. */
    public double usedRatioAfterFreeing(long freedBytes) {
        long used = totalBytes - freeBytes;
        long writable = used + usableBytes;
        return writable <= 0 ? 0.0 : (double) Math.max(0, used - freedBytes) / writable;
    }
}
