package io.couriermq.broker.admin;

import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.store.StoredMessage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Message lookups: by message id, or by topic and key within a time range (mqadmin queryMsgById / ByKey). */
@RestController
@RequestMapping("/api/messages")
class MessageAdminController {

    /** A stored message for people: the body as UTF-8 text, with where and when it was stored. */
    record MessageView(String messageId, String topic, int queueId, long queueOffset, long physicalOffset,
                       long bornTimestamp, long storeTimestamp, String bornHost, Map<String, String> properties,
                       int bodySize, String body) {

        static MessageView of(StoredMessage message) {
            return new MessageView(message.messageId(), message.topic(), message.queueId(), message.queueOffset(),
                    message.physicalOffset(), message.bornTimestamp(), message.storeTimestamp(),
                    message.bornHost().toString(), message.properties(), message.body().length,
                    new String(message.body(), StandardCharsets.UTF_8));
        }
    }

    private static final int MAX_RESULTS = 64;

    private final BrokerRuntime broker;

    MessageAdminController(BrokerRuntime broker) {
        this.broker = broker;
    }

    @GetMapping("/{messageId}")
    MessageView byId(@PathVariable String messageId) {
        return broker.store().queryById(messageId).map(MessageView::of)
                .orElseThrow(() -> new AdminErrors.NotFound("no message with id " + messageId));
    }

    @GetMapping
    List<MessageView> byKey(@RequestParam String topic, @RequestParam String key,
                            @RequestParam(defaultValue = "0") long begin,
                            @RequestParam(defaultValue = "" + Long.MAX_VALUE) long end,
                            @RequestParam(defaultValue = "" + MAX_RESULTS) int max) {
        return broker.store().queryByKey(topic, key, begin, end, Math.min(Math.max(1, max), MAX_RESULTS)).stream()
                .map(MessageView::of).toList();
    }
}
