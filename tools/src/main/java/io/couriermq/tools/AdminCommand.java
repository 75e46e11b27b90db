package io.couriermq.tools;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What every mqadmin command shares: the {@code -n} NameServer option, a NameServer client open for the run of the
 * command, the brokers' REST admin client, and picocli's output stream (so tests can capture it). A command only
 * implements {@link #run()}; it returns normally on success and throws {@link AdminException} on failure.
 */
abstract class AdminCommand implements Callable<Integer> {

    @Option(names = "-n", paramLabel = "<namesrvAddr>", defaultValue = "${env:NAMESRV_ADDR:-127.0.0.1:9876}",
            converter = NameServerAddresses.Converter.class,
            description = "NameServer address list, e.g. 192.168.0.1:9876;192.168.0.2:9876 "
                    + "(default: $NAMESRV_ADDR, else 127.0.0.1:9876)")
    NameServerAddresses nameServerAddresses;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    boolean help;

    @Spec
    CommandSpec spec;

    private NameServerClient nameServer;
    private BrokerAdminClient brokerAdmin;

    @Override
    public final Integer call() {
        try (NameServerClient client = NameServerClient.open(nameServerAddresses)) {
            nameServer = client;
            brokerAdmin = new BrokerAdminClient();
            run();
        }
        return 0;
    }

    abstract void run();

    NameServerClient nameServer() {
        return nameServer;
    }

    BrokerAdminClient brokerAdmin() {
        return brokerAdmin;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * Calls each broker in turn and keeps the answers of those that have what was asked for. A topic or group may
     * live on only some brokers, so a 404 from one is expected; if every broker answers 404, the thing does not
     * exist and the broker's message says so.
     */
    static <T> Map<Broker, T> fromBrokersHolding(List<Broker> brokers, Function<Broker, T> call) {
        Map<Broker, T> answers = new LinkedHashMap<>();
        BrokerAdminException notFound = null;
        for (Broker broker : brokers) {
            try {
                answers.put(broker, call.apply(broker));
            } catch (BrokerAdminException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
                notFound = e;
            }
        }
        if (answers.isEmpty() && notFound != null) {
            throw notFound;
        }
        return answers;
    }
}
