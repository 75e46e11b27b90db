package io.couriermq.bench.store;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The facts about the machine and JVM a reader needs to judge the figures, one line each. */
final class Environment {

    private static final long MIB = 1 << 20;
    private static final long GIB = 1 << 30;

    private Environment() {
    }

    static List<String> describe(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        Runtime runtime = Runtime.getRuntime();
        lines.add("nproc: " + runtime.availableProcessors());
        lines.add("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", physical memory " + physicalMemoryGib() + " GiB");
        lines.add("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        lines.add("heap: max " + runtime.maxMemory() / MIB + " MiB; gc: " + ManagementFactory
                .getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", ")));
        lines.add("jvm args: " + jvmArguments());
        FileStore fileStore = Files.getFileStore(dir);
        lines.add(String.format(Locale.ROOT, "dir: %s (file system %s, %d of %d GiB usable)", dir, fileStore.type(),
                fileStore.getUsableSpace() / GIB, fileStore.getTotalSpace() / GIB));
        if ("tmpfs".equals(fileStore.type())) {
            lines.add("WARNING: dir is on tmpfs, where fsync does nothing; SYNC_FLUSH figures mean nothing here");
        }
        return lines;
    }

    private static long physicalMemoryGib() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / GIB;
        }
        return -1;
    }

    /** The JVM's arguments, with the module-access flags (needed by Chronicle and RocketMQ) only counted. */
    private static String jvmArguments() {
        List<String> shown = new ArrayList<>();
        int moduleFlags = 0;
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")) {
                moduleFlags++;
            } else {
                shown.add(argument);
            }
        }
        return String.join(" ", shown) + (moduleFlags > 0 ? " (+" + moduleFlags + " --add-opens/--add-exports)" : "");
    }
}
