package io.couriermq.server.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code mqnamesrv} and {@code mqbroker} as RocketMQ's have it: {@code -c FILE} (or
 * {@code --configFile FILE}) names a properties file, {@code -n ADDR} (or {@code --namesrvAddr ADDR}) the NameServers,
 * {@code -p} prints the configuration and exits, {@code -h} prints help. Anything else ({@code --key=value}) is
 * Spring's and passed through.
 *
 * @param springArguments the arguments left for Spring, in order
 */
public record LaunchArguments(Optional<Path> configFile, Optional<String> namesrvAddr, boolean printConfig,
                              boolean help, List<String> springArguments) {

    public LaunchArguments {
        springArguments = List.copyOf(springArguments);
    }

    /**
     * @param namesrvOption whether {@code -n} is an option of this command (it is for mqbroker, not mqnamesrv)
     * @throws IllegalArgumentException for an option without its value
     */
    public static LaunchArguments parse(String[] args, boolean namesrvOption) {
        Optional<Path> configFile = Optional.empty();
        Optional<String> namesrvAddr = Optional.empty();
        boolean print = false;
        boolean help = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--configFile" -> configFile = Optional.of(Path.of(valueOf(args, ++i, "-c")));
                case "-n", "--namesrvAddr" -> {
                    if (!namesrvOption) {
                        throw new IllegalArgumentException("-n is not an option of this command");
                    }
                    namesrvAddr = Optional.of(valueOf(args, ++i, "-n"));
                }
                case "-p", "--printConfigItem" -> print = true;
                case "-h", "--help" -> help = true;
                default -> rest.add(args[i]);
            }
        }
        return new LaunchArguments(configFile, namesrvAddr, print, help, rest);
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("-")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
