package org.mptcpinspect.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.lab.LabCommand;
import org.mptcpinspect.lab.Preflight;
import org.mptcpinspect.lab.Scenario;
import org.mptcpinspect.lab.Truth;
import org.mptcpinspect.lab.verify.Check;
import org.mptcpinspect.lab.verify.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mptcp-inspect verify}: runs lab scenarios against the kernel, analyses them live, checks the analysis. */
@Command(name = "verify", header = "Checks the analyzer live against the kernel in lab namespaces.", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs lab scenarios on the real kernel (network namespaces, the reference endpoint) while"
            + " the analyzer captures the client host's traffic live, then checks per connection: each"
            + " direction's data-level SHA-256 = what the endpoint sent, tokens = MPTCP_INFO's, final data"
            + " sequence numbers consistent with MPTCP_INFO (write_seq, rcv_nxt, snd_una), subflows ="
            + " MPTCP_FULL_INFO's, and per host the counters = the kernel's nstat deltas. Prints a table"
            + " and a summary; exit 0 only if every check holds. Needs root and kernel MPTCP;"
            + " --recorded checks recorded captures against their truth without either.",
        sortOptions = false)
final class VerifyCommand implements Callable<Integer> {
    /** Hex digests are shortened in the table (the JSON has them whole). */
    private static final int SHOWN_HEX = 16;

    private final OutputStream stdout;
    private final PrintStream err;

    @Parameters(arity = "0..*", paramLabel = "SCENARIO",
            description = "Built-in scenario name (see 'lab list') or scenario .json file.")
    private List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Every built-in scenario.")
    private boolean all;

    @Option(names = "--recorded", paramLabel = "TRUTH", arity = "1..*",
            description = "Instead of running scenarios, check recorded ones: NAME.truth.json with its NAME.pcap "
                    + "(e.g. testdata/pcaps/*.truth.json).")
    private List<Path> recorded = new ArrayList<>();

    @Option(names = "--pcapng", description = "With --recorded: check NAME.pcapng instead of NAME.pcap.")
    private boolean pcapng;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Keep each live run in DIR: NAME.pcap and NAME.pcapng as captured, NAME.truth.json "
                    + "(the lab's files; look again with --recorded DIR/NAME.truth.json, or any command).")
    private Path save;

    @Option(names = {"-j", "--json"}, description = "Write the checks as JSON instead of the table.")
    private boolean json;

    VerifyCommand(OutputStream stdout, PrintStream err) {
        this.stdout = stdout;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        boolean live = all || !names.isEmpty();
        if (live == !recorded.isEmpty()) {
            err.println("mptcp-inspect verify: name scenarios, --all or --recorded TRUTH... (see verify --help)");
            return Main.USAGE;
        }
        if (save != null && !live) {
            err.println("mptcp-inspect verify: --save keeps live runs; --recorded ones are files already"
                    + " (see verify --help)");
            return Main.USAGE;
        }
        long start = System.nanoTime();
        List<Verification.Outcome> outcomes = new ArrayList<>();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8));
        Table table = json ? null : new Table(out);
        if (live) {
            List<Scenario> scenarios = LabCommand.scenarios(names, all);
            Optional<String> problem = Preflight.problem(List.of());
            if (problem.isPresent()) {
                err.println("mptcp-inspect verify: cannot run the lab here: " + problem.get());
                return Main.FAILED;
            }
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario s = scenarios.get(i);
                err.println("verify: [" + (i + 1) + "/" + scenarios.size() + "] " + s.name());
                err.flush();
                outcomes.add(report(Verification.live(s, UnaryOperator.identity(), line -> { }, save), table));
            }
        } else {
            for (Path truthFile : recorded) {
                Truth truth = Truth.read(truthFile);
                Path capture = truthFile.resolveSibling(pcapng ? truth.pcapng() : truth.pcap());
                try {
                    outcomes.add(report(Verification.recorded(truthFile, capture, UnaryOperator.identity()), table));
                } catch (CaptureException e) {
                    err.println("mptcp-inspect verify: " + e.getMessage());
                    return Main.FAILED;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            writeJson(outcomes, seconds);
        } else {
            out.println(summary(outcomes, seconds));
            out.flush();
        }
        return outcomes.stream().allMatch(o -> o.failures().isEmpty()) ? Main.OK : Main.FAILED;
    }

    private static Verification.Outcome report(Verification.Outcome outcome, Table table) {
        if (table != null) {
            table.rows(outcome.checks());
        }
        return outcome;
    }

    /** "verify: 14 scenarios, 604 checks: 604 OK, 0 FAIL, 0 SKIP (53.2 s)", failing scenarios named. */
    static String summary(List<Verification.Outcome> outcomes, double seconds) {
        long checks = outcomes.stream().mapToLong(o -> o.checks().size()).sum();
        long failed = outcomes.stream().mapToLong(o -> o.failures().size()).sum();
        long skipped = outcomes.stream().flatMap(o -> o.checks().stream())
                .filter(c -> c.result() == Check.Result.SKIP).count();
        List<String> failing = outcomes.stream().filter(o -> !o.failures().isEmpty())
                .map(Verification.Outcome::scenario).toList();
        return String.format(Locale.ROOT, "verify: %d scenario%s, %d checks: %d OK, %d FAIL, %d SKIP (%.1f s)%s",
                outcomes.size(), outcomes.size() == 1 ? "" : "s", checks, checks - failed - skipped, failed, skipped,
                seconds,
                failing.isEmpty() ? "" : "; failed: " + String.join(", ", failing));
    }

    /** The checks as aligned columns, printed as each scenario finishes. */
    private static final class Table {
        private static final String FORMAT = "%-20s %-24s %-46s %-26s %-26s %s%n";
        private final PrintWriter out;

        Table(PrintWriter out) {
            this.out = out;
            out.printf(FORMAT, "SCENARIO", "CONNECTION", "CHECK", "EXPECTED", "OBSERVED", "RESULT");
        }

        void rows(List<Check> checks) {
            for (Check c : checks) {
                out.printf(FORMAT, c.scenario(), c.connection(), c.check(), shorten(c.expected()),
                        shorten(c.observed()), c.result());
            }
            out.flush();
        }

        /** 64-digit hex digests as their first 16 digits and an ellipsis. */
        private static String shorten(String value) {
            return value.replaceAll("\\b([0-9a-f]{" + SHOWN_HEX + "})[0-9a-f]{48}\\b", "$1…");
        }
    }

    private void writeJson(List<Verification.Outcome> outcomes, double seconds) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(stdout);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        g.writeStartObject();
        g.writeArrayFieldStart("scenarios");
        for (Verification.Outcome o : outcomes) {
            g.writeStartObject();
            g.writeStringField("scenario", o.scenario());
            g.writeNumberField("frames", o.frames());
            g.writeNumberField("millis", o.millis());
            g.writeBooleanField("ok", o.failures().isEmpty());
            g.writeArrayFieldStart("checks");
            for (Check c : o.checks()) {
                g.writeStartObject();
                g.writeStringField("connection", c.connection());
                g.writeStringField("check", c.check());
                g.writeStringField("expected", c.expected());
                g.writeStringField("observed", c.observed());
                g.writeStringField("result", c.result().name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("summary", summary(outcomes, seconds));
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }
}
