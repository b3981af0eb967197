package org.mptcpinspect.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The command line that runs the endpoint in a separate JVM (so it can be started inside a
 * network namespace): this JVM's java, the endpoint's classes and its libraries.
 */
public final class EndpointLauncher {
    private EndpointLauncher() {
    }

    /** {@code java ... EndpointMain <args>}; prefix it with {@code ip netns exec NS}. */
    public static List<String> command(List<String> endpointArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        // Short-lived process: fast startup matters more than peak speed.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classPath());
        command.add(EndpointMain.class.getName());
        command.addAll(endpointArgs);
        return command;
    }

    /** Where the endpoint and each library it needs were loaded from. */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(EndpointMain.class, ObjectMapper.class, JsonGenerator.class,
                JsonProperty.class, CommandLine.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot locate the classes of " + c.getName(), e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
