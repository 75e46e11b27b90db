package io.couriermq.store.recovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkpoint file: it reads back exactly what was written, or not at all. */
class CheckpointTest {

    @TempDir
    Path dir;

    @Test
    void writtenCheckpointReadsBack() throws IOException {
        Checkpoint checkpoint = new Checkpoint(1_073_741_824L + 17, 987_654_321L, 1_700_000_000_123L);

        checkpoint.write(dir);

        assertThat(Checkpoint.read(dir)).contains(checkpoint);
    }

    @Test
    void writingReplacesTheOldCheckpointAndLeavesNoTemporaryFile() throws IOException {
        new Checkpoint(1, 2, 3).write(dir);

        new Checkpoint(10, 20, 30).write(dir);

        assertThat(Checkpoint.read(dir)).contains(new Checkpoint(10, 20, 30));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(Checkpoint.FILE_NAME);
        }
    }

    @Test
    void missingCheckpointReadsAsEmpty() throws IOException {
        assertThat(Checkpoint.read(dir)).isEmpty();
    }

    @Test
    void everyTruncationReadsAsEmpty() throws IOException {
        new Checkpoint(111, 222, 333).write(dir);
        byte[] good = Files.readAllBytes(dir.resolve(Checkpoint.FILE_NAME));

        for (int length = 0; length < good.length; length++) {
            Files.write(dir.resolve(Checkpoint.FILE_NAME), Arrays.copyOf(good, length));

            assertThat(Checkpoint.read(dir)).as("truncated to %d bytes", length).isEmpty();
        }
    }

    @Test
    void trailingBytesReadAsEmpty() throws IOException {
        new Checkpoint(111, 222, 333).write(dir);
        byte[] good = Files.readAllBytes(dir.resolve(Checkpoint.FILE_NAME));

        Files.write(dir.resolve(Checkpoint.FILE_NAME), Arrays.copyOf(good, good.length + 1));

        assertThat(Checkpoint.read(dir)).isEmpty();
    }

    @Test
    void everySingleBitFlipReadsAsEmpty() throws IOException {
        new Checkpoint(0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L, 0x2122_2324_2526_2728L).write(dir);
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        byte[] good = Files.readAllBytes(file);

        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] flipped = good.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(file, flipped);

            Optional<Checkpoint> read = Checkpoint.read(dir);

            assertThat(read).as("bit %d flipped", bit).isEmpty();
        }
        Files.write(file, good);
        assertThat(Checkpoint.read(dir)).isPresent();
    }
}
