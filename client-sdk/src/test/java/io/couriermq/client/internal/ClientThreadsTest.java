package io.couriermq.client.internal;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
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
    void callbackThreadsAreNamedAfterTheirClientAndUseItsCreatorsClassLoader() throws Exception {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        ClassLoader application = new URLClassLoader(new URL[0], original);
        Thread.currentThread().setContextClassLoader(application);
        try (ClientThreads threads = new ClientThreads()) {
            Thread callbackThread = CompletableFuture.supplyAsync(Thread::currentThread, threads.callbacks())
                    .get(10, TimeUnit.SECONDS);
            assertThat(callbackThread.getName()).matches("courier-client-" + threads.index() + "-callback-\\d+");
            assertThat(callbackThread.getContextClassLoader()).isSameAs(application);
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }
}
