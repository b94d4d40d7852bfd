package io.rpik8s.monitoring.pi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.rpik8s.monitoring.prometheus.PrometheusSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The throttling bitmask and the mapping of series to Kubernetes nodes. */
class PiReadingsTest {

    @Test
    void decodesNowAndSinceBootBits() {
        ThrottleState s = ThrottleState.decode(0x8000A);
        assertThat(s.now()).isEqualTo(new ThrottleState.Flags(false, true, false, true));
        assertThat(s.sinceBoot()).isEqualTo(new ThrottleState.Flags(false, false, false, true));
        assertThat(ThrottleState.decode(0).now().any()).isFalse();
        assertThat(ThrottleState.decode(0x50005).now().underVoltage()).isTrue();
        assertThat(ThrottleState.decode(0x50005).sinceBoot().throttled()).isTrue();
    }

    @Test
    void seriesWithoutANodeLabelMatchTheNodeByInternalIpOfTheirInstance() {
        Node pi = node("pi-ip-1", "192.168.1.21");
        Node other = node("pi-ip-2", "192.168.1.22");
        List<PrometheusSample> thermal = List.of(
                new PrometheusSample(Map.of("instance", "192.168.1.21:9100", "zone", "0"), 47.2),
                new PrometheusSample(Map.of("instance", "192.168.1.21:9100", "zone", "1"), 44.0),
                new PrometheusSample(Map.of("node", "pi-ip-2", "instance", "192.168.1.21:9100"), 39.0));
        List<PrometheusSample> throttled = List.of(
                new PrometheusSample(Map.of("instance", "192.168.1.22:9110"), 0x4));
        Map<String, PiReadings> readings = PiReadingsCache.aggregate(List.of(pi, other), thermal, List.of(),
                throttled);
        assertThat(readings.get("pi-ip-1").temperatureCelsius()).isEqualTo(47.2);
        assertThat(readings.get("pi-ip-1").throttling()).isNull();
        // The node label wins over the instance address.
        assertThat(readings.get("pi-ip-2").temperatureCelsius()).isEqualTo(39.0);
        assertThat(readings.get("pi-ip-2").throttling().now().throttled()).isTrue();
    }

    private static Node node(String name, String ip) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().addNewAddress()
                .withType("InternalIP").withAddress(ip).endAddress().endStatus().build();
    }
}
