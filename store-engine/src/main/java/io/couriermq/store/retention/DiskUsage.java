package io.couriermq.store.retention;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Space on the file system that holds the store. */
public record DiskUsage(long totalBytes, long usableBytes) {

    public static DiskUsage of(Path dir) throws IOException {
        FileStore store = Files.getFileStore(dir);
        return new DiskUsage(store.getTotalSpace(), store.getUsableSpace());
    }

    /** Share of the file system in use, as the disk looks to this process (reserved blocks count as used). */
    public double usedRatio() {
        return totalBytes == 0 ? 0.0 : (double) (totalBytes - usableBytes) / totalBytes;
    }

    /** The used ratio once {@code freedBytes} more are free. */
    public double usedRatioAfterFreeing(long freedBytes) {
        return totalBytes == 0 ? 0.0 : (double) Math.max(0, totalBytes - usableBytes - freedBytes) / totalBytes;
    }
}
