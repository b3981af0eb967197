package org.mptcpinspect.lab;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mptcpinspect.endpoint.EndpointResult;
import org.mptcpinspect.endpoint.SockAddr;

/**
 * The ground truth of one recorded scenario (NAME.truth.json next to NAME.pcap/.pcapng): what
 * the kernel and the endpoints reported, to check an analysis of the captures against.
 *
 * @param pcap        file name of the tcpdump -i any capture (same directory)
 * @param pcapng      file name of the dumpcap capture, one interface per path
 * @param connections client/server result pairs of the same connection
 * @param counters    MPTcpExt counter deltas over the run, per host
 * @param actions     the scenario's actions as carried out
 */
public record Truth(
        int format,
        String name,
        String kernel,
        String recordedAt,
        String pcap,
        String pcapng,
        Scenario scenario,
        List<Topology.PathInfo> paths,
        EndpointResult client,
        EndpointResult server,
        List<ConnectionPair> connections,
        Counters counters,
        List<ActionRecord> actions) {

    public static final int FORMAT = 1;

    /**
     * The same connection seen by both endpoints: indexes into client/server connections, and
     * its initial subflow's addresses as the client saw them.
     */
    public record ConnectionPair(int client, int server, SockAddr clientAddress, SockAddr serverAddress) {
    }

    /** MPTcpExt counter deltas over the run, counter name to value, kernel order. */
    public record Counters(Map<String, Long> client, Map<String, Long> server) {
    }

    /**
     * An action as done: when (epoch ms, and ms after the first connection was up), the command
     * line, and its error if it failed.
     */
    public record ActionRecord(Scenario.Action action, long executedAtMs, long offsetMs, String command, String error) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** This truth naming the capture files recorded with it. */
    public Truth withCaptures(String pcapFile, String pcapngFile) {
        return new Truth(format, name, kernel, recordedAt, pcapFile, pcapngFile, scenario, paths, client, server,
                connections, counters, actions);
    }

    public static Truth read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Truth.class);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }
}
