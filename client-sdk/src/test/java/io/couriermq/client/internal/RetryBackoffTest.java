package io.couriermq.client.internal;

import apache.rocketmq.v2.CustomizedBackoff;
import apache.rocketmq.v2.ExponentialBackoff;
import apache.rocketmq.v2.RetryPolicy;
import com.google.protobuf.util.Durations;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryBackoffTest {

    @Test
    void exponentialGrowsByTheMultiplierUpToTheMaximum() {
        RetryBackoff backoff = RetryBackoff.from(RetryPolicy.newBuilder().setMaxAttempts(3)
                .setExponentialBackoff(ExponentialBackoff.newBuilder().setInitial(Durations.fromMillis(10))
                        .setMax(Durations.fromSeconds(1)).setMultiplier(2)).build());

        assertThat(backoff.maxAttempts()).isEqualTo(3);
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(20));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(80));
        assertThat(backoff.delay(8)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(100)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void customizedRepeatsItsLastStep() {
        RetryBackoff backoff = RetryBackoff.from(RetryPolicy.newBuilder().setMaxAttempts(17)
                .setCustomizedBackoff(CustomizedBackoff.newBuilder().addNext(Durations.fromSeconds(1))
                        .addNext(Durations.fromSeconds(5)).addNext(Durations.fromSeconds(10))).build());

        assertThat(backoff.maxAttempts()).isEqualTo(17);
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(9)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aPolicyWithoutStrategyIsRefused() {
        assertThatThrownBy(() -> RetryBackoff.from(RetryPolicy.newBuilder().setMaxAttempts(3).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryBackoff.from(RetryPolicy.newBuilder().setMaxAttempts(3)
                .setCustomizedBackoff(CustomizedBackoff.getDefaultInstance()).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
