package io.couriermq.store.recovery;

import io.couriermq.store.segment.Segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The clean-shutdown marker, kept the way RocketMQ keeps it: a file named {@code abort} exists while the store
 * is open and is removed by a clean close. Finding it at open means the last run did not close cleanly.
 */
public final class RunningMarker {

    public static final String FILE_NAME = "abort";

    private final Path file;

    private RunningMarker(Path file) {
        this.file = file;
    }

    /** True if the store in {@code dir} was last closed cleanly (or never opened). */
    public static boolean wasClosedCleanly(Path dir) {
        return !Files.exists(dir.resolve(FILE_NAME));
    }

    /** Creates the marker durably; from now on an unclean stop is detectable. */
    public static RunningMarker create(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        Segment.syncDirectory(dir);
        return new RunningMarker(file);
    }

    /** Removes the marker durably: called last in a clean close, after everything is flushed. */
    public void remove() throws IOException {
        Files.deleteIfExists(file);
        Segment.syncDirectory(file.getParent());
    }
}
