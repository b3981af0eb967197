package org.mptcpinspect.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab record|check|list|clean}: the namespace lab that records real kernel captures. */
@Command(name = "lab", header = "Records MPTCP scenarios in network namespaces, with their truth.", mixinStandardHelpOptions = true,
        description = "Network-namespace lab: runs MPTCP scenarios against the real kernel and records "
                + "captures (.pcap, .pcapng) with their ground truth (.truth.json).",
        subcommands = {LabCommand.Record.class, LabCommand.Check.class, LabCommand.ListScenarios.class,
                LabCommand.Clean.class})
public final class LabCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: record, check, list, clean");
    }

    /** Scenario arguments: built-in names or paths to scenario JSON files. */
    public static List<Scenario> scenarios(List<String> names, boolean all) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        List<String> wanted = all ? Scenario.builtInNames() : names;
        if (wanted == null || wanted.isEmpty()) {
            throw new IOException("name at least one scenario, or --all (see 'lab list')");
        }
        for (String name : wanted) {
            scenarios.add(name.endsWith(".json") ? Scenario.read(Path.of(name)) : Scenario.builtIn(name));
        }
        return scenarios;
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Run scenarios and write NAME.pcap, NAME.pcapng, NAME.truth.json; then check the "
                    + "scenario's expected options with tshark.")
    static final class Record implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "SCENARIO", description = "Built-in scenario name or .json file.")
        List<String> names = new ArrayList<>();

        @Option(names = "--all", description = "Every built-in scenario.")
        boolean all;

        @Option(names = "--out", defaultValue = "testdata/pcaps", description = "Output directory. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            int failures = 0;
            for (Scenario scenario : scenarios(names, all)) {
                LabResult result = Lab.run(scenario, out, line -> {
                    err.println(line);
                    err.flush();
                });
                List<String> problems = new ArrayList<>(result.problems());
                if (CaptureCheck.tsharkAvailable()) {
                    problems.addAll(CaptureCheck.verify(result.pcap(), result.pcapng(), scenario));
                } else {
                    err.println("lab: tshark not installed: expected options not checked");
                }
                for (String problem : problems) {
                    err.println("lab: " + scenario.name() + ": " + problem);
                }
                err.flush();
                failures += problems.isEmpty() ? 0 : 1;
            }
            return failures == 0 ? 0 : 1;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check recorded captures against their scenario's expected options (tshark).")
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "SCENARIO", description = "Scenario names (default: all recorded).")
        List<String> names = new ArrayList<>();

        @Option(names = "--dir", defaultValue = "testdata/pcaps", description = "Capture directory. Default: ${DEFAULT-VALUE}.")
        Path dir;

        @Override
        public Integer call() throws IOException {
            if (!CaptureCheck.tsharkAvailable()) {
                throw new LabException("tshark not installed");
            }
            List<String> wanted = names.isEmpty() ? recorded(dir) : names;
            int failures = 0;
            for (String name : wanted) {
                Truth truth = Truth.read(dir.resolve(name + ".truth.json"));
                List<String> problems = CaptureCheck.verify(dir.resolve(truth.pcap()), dir.resolve(truth.pcapng()),
                        truth.scenario());
                problems.forEach(p -> spec.commandLine().getErr().println("lab: " + name + ": " + p));
                spec.commandLine().getOut().println(name + ": " + (problems.isEmpty() ? "ok" : "FAILED"));
                failures += problems.isEmpty() ? 0 : 1;
            }
            return failures == 0 ? 0 : 1;
        }
    }

    /** Scenario names with a truth file in the directory, sorted. */
    static List<String> recorded(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".truth.json"))
                    .map(n -> n.substring(0, n.length() - ".truth.json".length())).sorted().toList();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in scenarios.")
    static final class ListScenarios implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            for (String name : Scenario.builtInNames()) {
                spec.commandLine().getOut().println(name + ": " + Scenario.builtIn(name).description());
            }
            return 0;
        }
    }

    @Command(name = "clean", mixinStandardHelpOptions = true,
            description = "Delete lab namespaces left behind by lab processes that no longer run.")
    static final class Clean implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            for (String ns : Shell.run("ip", "netns", "list").lines().map(l -> l.split("\\s+")[0]).toList()) {
                String[] parts = ns.split("-");
                if (parts.length == 4 && parts[0].equals("mpi") && parts[1].matches("[0-9]+")
                        && ProcessHandle.of(Long.parseLong(parts[1])).isEmpty()) {
                    Shell.run("ip", "netns", "del", ns);
                    spec.commandLine().getOut().println("deleted " + ns);
                }
            }
            return 0;
        }
    }
}
