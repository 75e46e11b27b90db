package io.couriermq.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One service (NameServer or broker) running as its own JVM, from its executable jar or through one of the
 * {@code bin/} scripts that exec it, with its output in a log file. Ready means its actuator health endpoint says UP. {@link #close()} stops it gracefully (SIGTERM, as an
 * operator would) and {@link #kill()} with SIGKILL, as a crash would; a JVM shutdown hook kills whatever a test
 * left running, so a failing test does not leak processes.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 40;
    /** Small heap, quick start: test services hold little and live for seconds. Benchmarks pass their own. */
    public static final List<String> TEST_JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "kill-test-services"));
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final int httpPort;
    private Process process;
    private boolean suspended;

    ServiceProcess(String name, Path jar, List<String> jvmOptions, List<String> arguments, Path logFile,
                   int httpPort) {
        this(name, javaCommand(jar, jvmOptions, arguments), Map.of(), logFile, httpPort);
    }

    /**
     * A service started by {@code command}, which must end in the service's JVM (a script that {@code exec}s
     * java), so that the process's pid is the JVM's.
     */
    ServiceProcess(String name, List<String> command, Map<String, String> environment, Path logFile, int httpPort) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.httpPort = httpPort;
    }

    private static List<String> javaCommand(Path jar, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        return command;
    }

    /** The executable jar of a service module, as the build passes it in a system property. */
    static Path jarFromProperty(String property) {
        String path = System.getProperty(property);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("system property " + property + " must name a built jar, was " + path
                    + " (build the service modules first: mvn -DskipTests install)");
        }
        return Path.of(path);
    }

    /** Starts the JVM and waits until the service reports UP. */
    public ServiceProcess start(Duration timeout) {
        launch();
        awaitHealthy(timeout);
        return this;
    }

    /** Starts the JVM without waiting: several services start side by side, then {@link #awaitHealthy}. */
    void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        RUNNING.add(process);
    }

    /** Waits until the launched service reports UP; kills it and fails with its log's end if it does not. */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; last lines of "
                        + logFile + ":\n" + logTail());
            }
            try {
                HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause();
        }
        kill();
        throw new IllegalStateException(name + " did not become healthy within " + timeout + "; last lines of "
                + logFile + ":\n" + logTail());
    }

    /** The end of the service's log, for failure messages: the test's work directory is gone by the time anyone looks. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the JVM with SIGKILL: no shutdown hooks, no flushing, as a crash. */
    public void kill() {
        stop(true);
    }

    /** Freezes the JVM with SIGSTOP; it keeps its sockets open but answers nothing until {@link #resume()}. */
    public void suspend() {
        signal("STOP");
        suspended = true;
    }

    /** Lets a suspended JVM run again (SIGCONT). */
    public void resume() {
        signal("CONT");
        suspended = false;
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    /** Stops the JVM with SIGTERM and waits for a clean exit. */
    @Override
    public void close() {
        stop(false);
    }

    private void stop(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (suspended && process.isAlive()) {
            resume();
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
