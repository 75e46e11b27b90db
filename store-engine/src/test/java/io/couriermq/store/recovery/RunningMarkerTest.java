package io.couriermq.store.recovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The clean-shutdown marker: present while running, gone after a clean close. */
class RunningMarkerTest {

    @TempDir
    Path dir;

    @Test
    void aStoreNeverOpenedCountsAsClosedCleanly() {
        assertThat(RunningMarker.wasClosedCleanly(dir)).isTrue();
    }

    @Test
    void whileRunningTheMarkerSaysTheLastRunDidNotCloseCleanly() throws IOException {
        RunningMarker.create(dir);

        assertThat(dir.resolve(RunningMarker.FILE_NAME)).exists();
        assertThat(RunningMarker.wasClosedCleanly(dir)).isFalse();
    }

    @Test
    void removingTheMarkerMarksACleanClose() throws IOException {
        RunningMarker marker = RunningMarker.create(dir);

        marker.remove();

        assertThat(dir.resolve(RunningMarker.FILE_NAME)).doesNotExist();
        assertThat(RunningMarker.wasClosedCleanly(dir)).isTrue();
    }

    @Test
    void createOverAMarkerLeftByACrashKeepsIt() throws IOException {
        Files.createFile(dir.resolve(RunningMarker.FILE_NAME));
        assertThat(RunningMarker.wasClosedCleanly(dir)).isFalse();

        RunningMarker marker = RunningMarker.create(dir);

        assertThat(RunningMarker.wasClosedCleanly(dir)).isFalse();
        marker.remove();
        assertThat(RunningMarker.wasClosedCleanly(dir)).isTrue();
    }

    @Test
    void removingTwiceIsHarmless() throws IOException {
        RunningMarker marker = RunningMarker.create(dir);
        marker.remove();

        marker.remove();

        assertThat(RunningMarker.wasClosedCleanly(dir)).isTrue();
    }
}
