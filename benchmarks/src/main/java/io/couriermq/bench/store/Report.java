package io.couriermq.bench.store;

import java.util.List;

/**
 * The whole printed result, as plain text for the terminal and as Markdown for a file: the environment, the
 * plain fsync rates, the table, its notes, and the goals met or missed.
 */
final class Report {

    private static final String TITLE = "Courier store benchmark: ours vs RocketMQ DefaultMessageStore 5.3.1 vs "
            + "Chronicle Queue";
    private static final String LEGEND = "appends/s and MB/s (body bytes, 10^6) count until every message is also in"
            + " the consume queues and the index; p50/p99: each put from submit to acknowledgement; read msgs/s: all"
            + " messages read back through the consume queues (Chronicle: a tailer); vs RMQ / vs CQ: our appends/s"
            + " over theirs; vs fsync: over the faster plain write+fsync rate, measured just before the row.";

    private final List<String> environment;
    private final List<String> plan;
    private final TextTable fsync;
    private final TextTable results;
    private final List<String> notes;
    private final List<String> targets;

    Report(List<String> environment, List<String> plan, TextTable fsync, TextTable results, List<String> notes,
           List<String> targets) {
        this.environment = List.copyOf(environment);
        this.plan = List.copyOf(plan);
        this.fsync = fsync;
        this.results = results;
        this.notes = List.copyOf(notes);
        this.targets = List.copyOf(targets);
    }

    String plain() {
        StringBuilder out = new StringBuilder(TITLE).append("\n\n");
        environment.forEach(line -> out.append(line).append('\n'));
        plan.forEach(line -> out.append(line).append('\n'));
        out.append('\n').append(fsync.plain()).append('\n').append(results.plain());
        notes.forEach(line -> out.append(line).append('\n'));
        out.append('\n').append(LEGEND).append("\n\nTargets:\n");
        targets.forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# ").append(TITLE).append("\n\n");
        environment.forEach(line -> out.append("- ").append(line).append('\n'));
        plan.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append('\n').append(fsync.markdown()).append('\n').append(results.markdown()).append('\n');
        notes.forEach(line -> out.append("- ").append(TextTable.escapeMarkdown(line)).append('\n'));
        out.append('\n').append(LEGEND).append("\n\n## Targets\n\n");
        targets.forEach(line -> out.append("- ").append(line).append('\n'));
        return out.toString();
    }
}
