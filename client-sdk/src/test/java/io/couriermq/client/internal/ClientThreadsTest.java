package io.couriermq.client.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ClientThreadsTest {

    /**
     * More continuations than there are callback threads block on a future that only a later completion, queued
     * behind them on the same threads, can complete. A pool of fixed size would deadlock here.
     */
    @Test
    void continuationsBlockingOnFuturesDoNotStarveLaterCompletions() throws Exception {
        try (ClientThreads threads = new ClientThreads()) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            List<CompletableFuture<String>> blocked = new ArrayList<>();
            for (int i = 0; i < 4 * Runtime.getRuntime().availableProcessors() + 8; i++) {
                blocked.add(CompletableFuture.supplyAsync(gate::join, threads.callbacks()));
            }
            threads.callbacks().execute(() -> gate.complete("open"));

            CompletableFuture.allOf(blocked.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(blocked).allSatisfy(future -> assertThat(future.join()).isEqualTo("open"));
        }
    }

    @Test
    void callbackThreadsAreNamedAfterTheirClient() throws Exception {
        try (ClientThreads threads = new ClientThreads()) {
            String name = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), threads.callbacks())
                    .get(10, TimeUnit.SECONDS);
            assertThat(name).matches("courier-client-" + threads.index() + "-callback-\\d+");
        }
    }
}
