package io.couriermq.broker.admin;

import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.broker.core.consume.ConsumptionService;
import io.couriermq.broker.core.group.GroupConfig;
import io.couriermq.broker.core.topic.TopicConfig;
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
import java.util.concurrent.CompletableFuture;

/** Consumer group administration: groups, their progress and lag per queue, and offset resets by time. */
@RestController
@RequestMapping("/api/groups")
class GroupAdminController {

    /**
     * A group as the admin API shows and accepts it.
     *
     * @param retryMaxTimes RocketMQ's name for redeliveries after the first attempt (max attempts - 1)
     */
    record GroupView(String name, Integer retryMaxTimes, Boolean fifo, Boolean consumeEnable) {

        static GroupView of(GroupConfig config) {
            return new GroupView(config.name(), config.maxDeliveryAttempts() - 1, config.fifo(), config.consumeEnable());
        }

        GroupConfig toConfig() {
            return new GroupConfig(name, retryMaxTimes == null ? GroupConfig.DEFAULT_MAX_DELIVERY_ATTEMPTS
                    : retryMaxTimes + 1, fifo != null && fifo, consumeEnable == null || consumeEnable);
        }
    }

    /** One queue's consumption as mqadmin consumerProgress shows it. */
    record QueueProgress(String topic, int queueId, long brokerOffset, long consumerOffset, long lag, int inFlight,
                         int messageGroupsInFlight) {
    }

    /** A request to move a group's offsets of a topic to the first message stored at or after a time. */
    record ResetRequest(String topic, long timestamp) {
    }

    /** The offsets a reset moved each queue to. */
    record ResetResult(String topic, int queueId, long offset) {
    }

    private final BrokerRuntime broker;

    GroupAdminController(BrokerRuntime broker) {
        this.broker = broker;
    }

    @GetMapping
    List<GroupView> list() {
        return broker.groups().all().stream().sorted(Comparator.comparing(GroupConfig::name)).map(GroupView::of)
                .toList();
    }

    @PostMapping
    GroupView createOrUpdate(@RequestBody GroupView group) {
        return GroupView.of(broker.groups().put(group.toConfig()));
    }

    @DeleteMapping("/{group}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String group) {
        if (!broker.groups().delete(group)) {
            throw new AdminErrors.NotFound("consumer group " + group + " does not exist");
        }
    }

    @GetMapping("/{group}/progress")
    List<QueueProgress> progress(@PathVariable String group) {
        requireGroup(group);
        return broker.consumption().progress(group).stream()
                .map(p -> {
                    long max = broker.store().maxOffset(p.topic(), p.queueId());
                    return new QueueProgress(p.topic(), p.queueId(), max, p.committed(),
                            Math.max(0, max - p.committed()), p.inFlight(), p.busyMessageGroups());
                })
                .sorted(Comparator.comparing(QueueProgress::topic).thenComparing(QueueProgress::queueId))
                .toList();
    }

    @PostMapping("/{group}/reset-offset")
    List<ResetResult> resetByTime(@PathVariable String group, @RequestBody ResetRequest request) {
        requireGroup(group);
        TopicConfig topic = broker.topics().find(request.topic())
                .orElseThrow(() -> new AdminErrors.NotFound("topic " + request.topic() + " does not exist"));
        ConsumptionService consumption = broker.consumption();
        List<ResetResult> results = new ArrayList<>();
        List<CompletableFuture<Void>> resets = new ArrayList<>();
        for (int queueId = 0; queueId < topic.readQueueNums(); queueId++) {
            long offset = broker.store().offsetForTimestamp(topic.name(), queueId, request.timestamp());
            resets.add(consumption.resetOffset(group, topic.name(), queueId, offset));
            results.add(new ResetResult(topic.name(), queueId, offset));
        }
        CompletableFuture.allOf(resets.toArray(CompletableFuture[]::new)).join();
        return results;
    }

    private void requireGroup(String group) {
        if (broker.groups().find(group).isEmpty()) {
            throw new AdminErrors.NotFound("consumer group " + group + " does not exist");
        }
    }
}
