package io.couriermq.broker.admin;

import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.store.MessageStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Topic administration: list, create or update, delete, and per-queue status. */
@RestController
@RequestMapping("/api/topics")
class TopicAdminController {

    /** A topic as the admin API shows and accepts it; omitted counts default to 8 queues, read+write, NORMAL. */
    record TopicView(String name, Integer readQueueNums, Integer writeQueueNums, Integer perm, TopicMessageType messageType) {

        static TopicView of(TopicConfig config) {
            return new TopicView(config.name(), config.readQueueNums(), config.writeQueueNums(), config.perm(),
                    config.messageType());
        }

        TopicConfig toConfig() {
            int read = readQueueNums == null ? (writeQueueNums == null ? 8 : writeQueueNums) : readQueueNums;
            int write = writeQueueNums == null ? read : writeQueueNums;
            return new TopicConfig(name, read, write, perm == null ? TopicConfig.PERM_READ_WRITE : perm,
                    messageType == null ? TopicMessageType.NORMAL : messageType);
        }
    }

    /** Offsets of one queue. */
    record QueueStatus(int queueId, long minOffset, long maxOffset) {
    }

    private final BrokerRuntime broker;

    TopicAdminController(BrokerRuntime broker) {
        this.broker = broker;
    }

    @GetMapping
    List<TopicView> list() {
        return broker.topics().all().stream()
                .filter(topic -> !TopicNames.isSystemTopic(topic.name()))
                .sorted(Comparator.comparing(TopicConfig::name))
                .map(TopicView::of).toList();
    }

    @GetMapping("/{topic}")
    TopicView get(@PathVariable String topic) {
        return TopicView.of(require(topic));
    }

    @PostMapping
    TopicView createOrUpdate(@RequestBody TopicView topic) {
        if (topic.name() != null && TopicNames.isSystemTopic(topic.name())) {
            throw new IllegalArgumentException("topic " + topic.name() + " is reserved for the system");
        }
        return TopicView.of(broker.topics().put(topic.toConfig()));
    }

    @DeleteMapping("/{topic}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String topic) {
        require(topic);
        broker.topics().delete(topic);
        broker.store().deleteTopic(topic).join();
    }

    @GetMapping("/{topic}/status")
    List<QueueStatus> status(@PathVariable String topic) {
        TopicConfig config = require(topic);
        MessageStore store = broker.store();
        List<QueueStatus> queues = new ArrayList<>();
        for (int queueId = 0; queueId < config.queueCount(); queueId++) {
            queues.add(new QueueStatus(queueId, store.minOffset(topic, queueId), store.maxOffset(topic, queueId)));
        }
        return queues;
    }

    private TopicConfig require(String topic) {
        return broker.topics().find(topic).orElseThrow(() -> new AdminErrors.NotFound("topic " + topic
                + " does not exist"));
    }
}
