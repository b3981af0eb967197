package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import picocli.CommandLine.Command;

/** {@code mptcp-inspect fields}: the fields -e and -Y know, like tshark -G fields. */
@Command(name = "fields", header = "Lists the field names -e and -Y accept.", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Lists the supported field names (for -e and -Y): name, type, label.")
final class FieldsCommand implements Callable<Integer> {
    private final OutputStream out;

    FieldsCommand(OutputStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Field f : FieldRegistry.standard().fields()) {
            sb.append(f.abbrev()).append('\t').append(f.type()).append('\t').append(f.name()).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return Main.OK;
    }
}
