package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.analysis.counters.Derivation;
import org.mptcpinspect.dissector.analysis.counters.HostAddress;
import org.mptcpinspect.dissector.analysis.counters.HostCounters;

/**
 * The Counters view in the real window: choosing a host shows its counters, and the exact ones
 * equal what that host's kernel counted during the capture (nstat, recorded in truth.json).
 */
class CountersViewTest extends WindowFixture {
    @Test
    void eachHostsExactCountersAreWhatItsKernelCounted() throws Exception {
        String capture = "add-addr-signal";
        openWindow(FxTestSupport.capture(capture + ".pcap"));
        List<HostCounters> hosts = await(onFx(() -> window.showCounters()));
        assertTrue(hosts.size() >= 2, hosts.toString());
        JsonNode truth = new ObjectMapper().readTree(FxTestSupport.capture(capture + ".truth.json").toFile());
        int checked = 0;
        for (String side : List.of("client", "server")) {
            HostAddress address = HostAddress.parse(
                    truth.path(side).path("connections").get(0).path("local").path("address").asText());
            int index = -1;
            for (int i = 0; i < hosts.size(); i++) {
                if (hosts.get(i).addresses().contains(address)) {
                    index = i;
                }
            }
            assertTrue(index >= 0, side + " host " + address + " in the combo box");
            int chosen = index;
            List<CountersView.Row> rows = onFx(() -> {
                window.countersView().zeros().setSelected(true);
                window.countersView().zeros().fireEvent(new javafx.event.ActionEvent());
                window.countersView().hostChooser().getSelectionModel().select(chosen);
                return List.copyOf(window.countersView().table().getItems());
            });
            JsonNode kernel = truth.path("counters").path(side);
            for (CountersView.Row r : rows) {
                if (r.counter().derivation() == Derivation.EXACT && kernel.has(r.counter().kernelName())) {
                    assertEquals(kernel.path(r.counter().kernelName()).asLong(), r.value(),
                            side + " " + r.counter().nstatName());
                    checked++;
                }
            }
            // Without zeros, only the counters that counted something.
            List<CountersView.Row> nonZero = onFx(() -> {
                window.countersView().zeros().setSelected(false);
                window.countersView().zeros().fireEvent(new javafx.event.ActionEvent());
                return List.copyOf(window.countersView().table().getItems());
            });
            assertEquals(rows.stream().filter(r -> r.value() != 0).toList(), nonZero);
            assertTrue(nonZero.stream().anyMatch(r -> r.counter().nstatName().startsWith("MPTcpExtMPCapableSYN")));
        }
        assertTrue(checked > 20, checked + " exact counters checked");
    }
}
