package io.rpik8s.commons.drain;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DrainLoopTest {

    /** Rounds that finish when the test says so. */
    private final List<CompletableFuture<Boolean>> rounds = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    private Uni<Boolean> nextRound() {
        CompletableFuture<Boolean> round = new CompletableFuture<>();
        rounds.add(round);
        return Uni.createFrom().completionStage(round);
    }

    @Test
    void wakesDuringARoundRunOneMoreRoundAfterItNeverTwoAtOnce() {
        DrainLoop loop = new DrainLoop(this::nextRound, failures::add);

        loop.wake();
        loop.wake();
        loop.wake();
        assertThat(rounds).hasSize(1);
        assertThat(loop.running()).isTrue();

        rounds.get(0).complete(false);
        assertThat(rounds).hasSize(2);
        rounds.get(1).complete(false);
        assertThat(rounds).hasSize(2);
        assertThat(loop.running()).isFalse();
    }

    @Test
    void afterStopTheRunningRoundEndsAndNoWakeStartsAnother() {
        DrainLoop loop = new DrainLoop(this::nextRound, failures::add);
        loop.wake();
        loop.wake();

        loop.stop();
        assertThat(loop.stopped()).isTrue();
        rounds.get(0).complete(true);
        loop.wake();

        assertThat(rounds).as("the round asked for during the first one, and the wake after, never ran").hasSize(1);
        assertThat(loop.running()).isFalse();
    }

    @Test
    void stopCompletesWhenTheRoundRunningThenHasEnded() {
        DrainLoop loop = new DrainLoop(this::nextRound, failures::add);
        loop.wake();

        CompletableFuture<Void> stopped = loop.stop().toCompletableFuture();
        assertThat(stopped).as("a round is still running").isNotDone();
        rounds.get(0).complete(true);

        assertThat(stopped).isCompleted();
        assertThat(loop.stop().toCompletableFuture()).as("stopped again, nothing running").isCompleted();
    }

    @Test
    void stopWithNoRoundRunningCompletesAtOnce() {
        DrainLoop loop = new DrainLoop(this::nextRound, failures::add);
        loop.wake();
        rounds.get(0).complete(false);

        assertThat(loop.stop().toCompletableFuture()).isCompleted();
    }

    @Test
    void aRoundThatLeftMoreIsFollowedByTheNextUntilOneLeavesNothing() {
        AtomicInteger left = new AtomicInteger(250);
        AtomicInteger count = new AtomicInteger();
        DrainLoop loop = new DrainLoop(() -> {
            count.incrementAndGet();
            return Uni.createFrom().item(left.addAndGet(-100) > 0);
        }, failures::add);

        loop.wake();

        assertThat(count).hasValue(3);
        assertThat(loop.running()).isFalse();
    }

    @Test
    void aWantedRoundWaitsUntilTheLoopIsReady() {
        AtomicBoolean ready = new AtomicBoolean(false);
        DrainLoop loop = new DrainLoop(this::nextRound, ready::get, failures::add);

        loop.wake();
        loop.resume();
        assertThat(rounds).isEmpty();

        ready.set(true);
        loop.resume();
        assertThat(rounds).hasSize(1);
        rounds.get(0).complete(false);
        loop.resume();
        assertThat(rounds).as("resume alone does not ask for a round").hasSize(1);
    }

    @Test
    void aFailedRoundIsReportedAndTheNextWakeRunsAgain() {
        DrainLoop loop = new DrainLoop(this::nextRound, failures::add);

        loop.wake();
        rounds.get(0).completeExceptionally(new IllegalStateException("database down"));
        assertThat(failures).extracting(Throwable::getMessage).containsExactly("database down");
        assertThat(rounds).hasSize(1);

        loop.wake();
        assertThat(rounds).hasSize(2);
    }

    @Test
    void aRoundThatThrowsInsteadOfFailingIsReportedToo() {
        DrainLoop loop = new DrainLoop(() -> {
            throw new IllegalStateException("no pool");
        }, failures::add);

        loop.wake();

        assertThat(failures).extracting(Throwable::getMessage).containsExactly("no pool");
        assertThat(loop.running()).isFalse();
    }
}
