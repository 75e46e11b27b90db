package io.couriermq.ha.master;

import io.couriermq.ha.ReplicationException;
import io.couriermq.ha.ReplicationException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiters complete on the timer thread once confirmed, and fail with a reason otherwise. */
class SyncWaitersTest {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
            runnable -> new Thread(runnable, "test-timer"));

    @AfterEach
    void stopTimer() throws InterruptedException {
        timer.shutdownNow();
        assertThat(timer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void waitersCompleteOnTheTimerThreadOnceTheirOffsetIsConfirmed() throws Exception {
        SyncWaiters waiters = new SyncWaiters(timer, Duration.ofMinutes(1), 1);
        waiters.onProgress(0, 1);
        CompletableFuture<Void> low = waiters.await(100);
        CompletableFuture<Void> high = waiters.await(200);
        AtomicReference<String> completedOn = new AtomicReference<>();
        CountDownLatch completed = new CountDownLatch(1);
        low.thenRun(() -> {
            completedOn.set(Thread.currentThread().getName());
            completed.countDown();
        });

        waiters.onProgress(150, 1);

        assertThat(completed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(completedOn.get()).isEqualTo("test-timer");
        assertThat(high).isNotDone();
        assertThat(waiters.await(120)).as("already confirmed").isCompleted();
        assertThat(timer.getQueue().stream().filter(task -> !((Future<?>) task).isCancelled()))
                .as("the completed waiter's timeout was cancelled").hasSize(1);
    }

    @Test
    void withTooFewSlavesInSyncAWaitFailsAtOnce() throws Exception {
        SyncWaiters waiters = new SyncWaiters(timer, Duration.ofMinutes(1), 2);
        waiters.onProgress(0, 1);

        assertThat(reason(waiters.await(1))).isEqualTo(Reason.NO_SLAVE);
        assertThat(timer.getQueue()).isEmpty();
    }

    @Test
    void pendingWaitsFailWithNoSlaveWhenSlavesDropOutOfSync() throws Exception {
        SyncWaiters waiters = new SyncWaiters(timer, Duration.ofMinutes(1), 1);
        waiters.onProgress(0, 1);
        CompletableFuture<Void> pending = waiters.await(100);

        waiters.onProgress(0, 0);

        assertThat(reason(pending)).isEqualTo(Reason.NO_SLAVE);
    }

    @Test
    void aWaitNotConfirmedInTimeFailsWithTimeout() throws Exception {
        SyncWaiters waiters = new SyncWaiters(timer, Duration.ofMillis(50), 1);
        waiters.onProgress(10, 1);

        CompletableFuture<Void> pending = waiters.await(100);

        assertThat(reason(pending)).isEqualTo(Reason.TIMEOUT);
        assertThat(pending.handle((ok, e) -> e.getMessage()).join())
                .contains("offset 100", "confirmed offset 10", "1 slave(s) in sync, 1 required");
    }

    @Test
    void closingFailsPendingWaitsAndRefusesNewOnes() throws Exception {
        SyncWaiters waiters = new SyncWaiters(timer, Duration.ofMinutes(1), 1);
        waiters.onProgress(0, 1);
        CompletableFuture<Void> pending = waiters.await(100);

        waiters.close();

        assertThat(reason(pending)).isEqualTo(Reason.CLOSED);
        assertThat(reason(waiters.await(1))).isEqualTo(Reason.CLOSED);
    }

    private static Reason reason(CompletableFuture<Void> future) throws Exception {
        Throwable failure = future.handle((ok, e) -> e).get(5, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(ReplicationException.class);
        return ((ReplicationException) failure).reason();
    }
}
