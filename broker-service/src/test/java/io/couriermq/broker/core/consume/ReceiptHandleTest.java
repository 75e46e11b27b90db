package io.couriermq.broker.core.consume;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiptHandleTest {

    @Test
    void roundTripsEveryField() {
        ReceiptHandle handle = new ReceiptHandle("%DLQ%group|x", 7, 1_234_567_890_123L, -42L);
        assertThat(ReceiptHandle.decode(handle.encode())).isEqualTo(handle);
    }

    @Test
    void everyFlippedBitIsDetected() {
        byte[] bytes = Base64.getUrlDecoder().decode(new ReceiptHandle("topic", 1, 2, 3).encode());
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
            assertThatThrownBy(() -> ReceiptHandle.decode(text)).as("bit %d", bit)
                    .isInstanceOf(InvalidReceiptHandleException.class);
        }
    }

    @Test
    void textThatIsNotAHandleIsRefused() {
        assertThatThrownBy(() -> ReceiptHandle.decode("not base64 !")).isInstanceOf(InvalidReceiptHandleException.class);
        assertThatThrownBy(() -> ReceiptHandle.decode("")).isInstanceOf(InvalidReceiptHandleException.class);
        assertThatThrownBy(() -> ReceiptHandle.decode("AAAA")).isInstanceOf(InvalidReceiptHandleException.class);
    }
}
