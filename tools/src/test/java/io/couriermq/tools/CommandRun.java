package io.couriermq.tools;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process mqadmin or courier invocation with its exit code and captured output, as a test sees it. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun mqadmin(String... args) {
        return run(MqAdmin.commandLine(), args);
    }

    static CommandRun courier(String... args) {
        return run(Courier.commandLine(), args);
    }

    private static CommandRun run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
