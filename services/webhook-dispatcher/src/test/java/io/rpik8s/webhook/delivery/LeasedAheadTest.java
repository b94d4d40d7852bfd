package io.rpik8s.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.webhook.store.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Deliveries leased ahead, on their own: lease order per endpoint, endpoints in turn, renewals, hand-back. */
class LeasedAheadTest {

    final LeasedAhead ahead = new LeasedAhead(10, 4);

    static DueDelivery delivery(long id, String endpoint) {
        Endpoint e = new Endpoint(endpoint, "http://127.0.0.1/" + endpoint, null, true, null, List.of(), List.of(),
                List.of(), Map.of(), null, null, "whsec_x", null, null, null, null, false, null, null, null);
        return new DueDelivery(id, 0, "msg_" + id, "deployment.created", "{}", null, e);
    }

    List<Long> drain(java.util.function.Predicate<String> slot) {
        List<Long> ids = new ArrayList<>();
        for (DueDelivery d = ahead.next(slot); d != null; d = ahead.next(slot)) {
            ids.add(d.id());
        }
        return ids;
    }

    @Test
    void everythingWaitingIsTakenOutAtOnceAndTheRoomIsWholeAgain() {
        ahead.add(delivery(1, "a"), 0);
        ahead.add(delivery(2, "b"), 0);
        ahead.add(delivery(3, "a"), 0);

        assertThat(ahead.removeEverything()).extracting(DueDelivery::id).containsExactlyInAnyOrder(1L, 2L, 3L);

        assertThat(ahead.room()).isEqualTo(10);
        assertThat(ahead.contains(1)).isFalse();
        assertThat(drain(endpoint -> true)).isEmpty();
    }

    @Test
    void givesSlotsToEndpointsInTurnEachInLeaseOrder() {
        ahead.add(delivery(1, "a"), 0);
        ahead.add(delivery(2, "a"), 0);
        ahead.add(delivery(3, "a"), 0);
        ahead.add(delivery(4, "b"), 0);
        ahead.add(delivery(5, "b"), 0);
        assertThat(ahead.counts()).containsEntry("a", 3).containsEntry("b", 2);
        assertThat(ahead.room()).isEqualTo(5);

        assertThat(ahead.contains(2)).isTrue();
        assertThat(drain(id -> true)).containsExactly(1L, 4L, 2L, 5L, 3L);
        assertThat(ahead.contains(2)).isFalse();
        assertThat(ahead.room()).isEqualTo(10);
    }

    @Test
    void anEndpointWithoutAFreeSlotLetsTheOthersGoAndKeepsItsOwn() {
        ahead.add(delivery(1, "slow"), 0);
        ahead.add(delivery(2, "slow"), 0);
        ahead.add(delivery(3, "fast"), 0);

        assertThat(drain("fast"::equals)).containsExactly(3L);
        assertThat(ahead.waiting("slow")).isEqualTo(2);
        assertThat(drain(id -> true)).containsExactly(1L, 2L);
    }

    @Test
    void renewsLeasesHalfwayAndDropsTheOnesThatWereLost() {
        ahead.add(delivery(1, "a"), 100);
        ahead.add(delivery(2, "a"), 100);
        ahead.add(delivery(3, "a"), 500);

        List<Long> due = ahead.leasedBefore(200);
        assertThat(due).containsExactly(1L, 2L);
        ahead.renewed(due, Set.of(2L), 300); // 1's lease was taken over meanwhile

        assertThat(ahead.leasedBefore(200)).isEmpty();
        assertThat(ahead.contains(1)).isFalse();
        assertThat(ahead.leasedBefore(400)).containsExactly(2L);
        assertThat(drain(id -> true)).containsExactly(2L, 3L);
    }

    @Test
    void handsBackEverythingWaitingForOneEndpoint() {
        ahead.add(delivery(1, "a"), 0);
        ahead.add(delivery(2, "b"), 0);
        ahead.add(delivery(3, "a"), 0);

        assertThat(ahead.removeAll("a")).extracting(DueDelivery::id).containsExactly(1L, 3L);
        assertThat(ahead.removeAll("a")).isEmpty();
        assertThat(ahead.room()).isEqualTo(9);
        assertThat(drain(id -> true)).containsExactly(2L);
    }
}
