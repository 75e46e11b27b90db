package io.couriermq.bench.ha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load averages from {@code /proc/loadavg}. The benchmark shares its cores with whatever else runs,
 * so the report shows how busy the machine was while each mode was measured.
 */
final class LoadAverage {

    private LoadAverage() {
    }

    /** The 1, 5 and 15 minute load averages, as the kernel prints them. */
    static String all() throws IOException {
        String[] fields = fields();
        return String.join(" ", fields[0], fields[1], fields[2]);
    }

    static double oneMinute() throws IOException {
        return Double.parseDouble(fields()[0]);
    }

    private static String[] fields() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    }
}
