package io.couriermq.server.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts a service the way RocketMQ's scripts start theirs: {@code mqbroker -n ADDR -c FILE}. The file's settings,
 * translated by the service's {@link KeyTable}, become system properties, which Spring ranks above environment
 * variables and {@code application.yml} but below {@code --key=value} arguments. So the file overrides the
 * defaults, {@code -n} overrides the file (as in RocketMQ), and an explicit Spring argument overrides both. A
 * system property set with {@code -D} is left alone.
 *
 * <p>Plain Java, so it runs before Spring and is tested without it.
 */
public final class RocketMqLaunch {

    /** RocketMQ's fallback for {@code namesrvAddr}. */
    static final String NAMESRV_ADDR_ENV = "NAMESRV_ADDR";

    private final String command;
    private final KeyTable table;
    private final String namesrvKey;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param command    the script's name, for messages
     * @param namesrvKey the Spring property {@code -n} sets; null if the command takes no {@code -n}
     */
    public RocketMqLaunch(String command, KeyTable table, String namesrvKey, PrintStream out, PrintStream err) {
        this.command = command;
        this.table = table;
        this.namesrvKey = namesrvKey;
        this.out = out;
        this.err = err;
    }

    /** The plan for one command line. */
    public record Plan(Map<String, String> systemProperties, String[] springArguments, boolean exitNow) {
    }

    /**
     * Reads the command line and the file it names, prints warnings for keys not applied, and prints help or the
     * configuration when asked (then {@link Plan#exitNow()} is true).
     *
     * @param environment where {@code NAMESRV_ADDR} is looked up when neither {@code -n} nor the file sets it
     * @throws IllegalArgumentException for a bad command line or file, with a message for the user
     */
    public Plan plan(String[] args, Map<String, String> environment) {
        LaunchArguments arguments = LaunchArguments.parse(args, namesrvKey != null);
        if (arguments.help()) {
            out.println(usage());
            return new Plan(Map.of(), new String[0], true);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        arguments.configFile().ifPresent(file -> {
            ConfigTranslation translation = ConfigTranslation.of(read(file), table);
            translation.warnings().forEach(warning -> err.println(command + ": " + file + ": " + warning));
            properties.putAll(translation.springProperties());
        });
        if (namesrvKey != null) {
            Optional<String> namesrv = arguments.namesrvAddr()
                    .or(() -> Optional.ofNullable(properties.get(namesrvKey)))
                    .or(() -> Optional.ofNullable(environment.get(NAMESRV_ADDR_ENV)));
            namesrv.ifPresent(address -> properties.put(namesrvKey, address));
        }
        if (arguments.printConfig()) {
            properties.forEach((key, value) -> out.println(key + "=" + value));
            return new Plan(Map.copyOf(properties), new String[0], true);
        }
        return new Plan(properties, arguments.springArguments().toArray(String[]::new), false);
    }

    /**
     * What a service's {@code main} calls: plans with this process's environment, sets the planned system
     * properties, and returns the arguments for Spring; empty when the command is done (help, {@code -p}). A bad
     * command line or file ends the JVM with status 1 and a message, before anything starts.
     */
    public Optional<String[]> prepare(String[] args) {
        Plan plan;
        try {
            plan = plan(args, System.getenv());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println(command + ": " + e.getMessage());
            System.exit(1);
            return Optional.empty();
        }
        if (plan.exitNow()) {
            return Optional.empty();
        }
        apply(plan, System.getProperties());
        return Optional.of(plan.springArguments());
    }

    /** Sets the planned properties that {@code system} does not already have. */
    public static void apply(Plan plan, Properties system) {
        plan.systemProperties().forEach(system::putIfAbsent);
    }

    private static Properties read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        return properties;
    }

    private String usage() {
        return "usage: " + command + " [-c FILE]" + (namesrvKey != null ? " [-n ADDR]" : "")
                + " [-p] [-h] [--spring.property=value ...]\n"
                + "  -c, --configFile FILE      RocketMQ-style properties file\n"
                + (namesrvKey != null ? "  -n, --namesrvAddr ADDR     NameServers, host:port;host:port (default: "
                + "the file's namesrvAddr, else $NAMESRV_ADDR)\n" : "")
                + "  -p, --printConfigItem      print the settings the file and options amount to, and exit\n"
                + "  -h, --help                 print this help and exit";
    }
}
