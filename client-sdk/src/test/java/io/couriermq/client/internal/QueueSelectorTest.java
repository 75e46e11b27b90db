package io.couriermq.client.internal;

import apache.rocketmq.v2.Broker;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.MessageQueue;
import apache.rocketmq.v2.Permission;
import apache.rocketmq.v2.Resource;
import io.couriermq.client.ClientException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueSelectorTest {

    private static final Endpoint BROKER_A = new Endpoint("10.0.0.1", 8081);
    private static final Endpoint BROKER_B = new Endpoint("10.0.0.2", 8081);

    private final QueueSelector selector = new QueueSelector();

    @Test
    void firstAttemptsTakeTurnsOverEveryWritableMasterQueue() {
        TopicRoute route = route(queues("broker-a", BROKER_A, 4, Permission.READ_WRITE),
                queues("broker-b", BROKER_B, 4, Permission.READ_WRITE));
        Map<QueueRoute, Integer> counts = new HashMap<>();
        for (int i = 0; i < 800; i++) {
            counts.merge(selector.plan(route, null, 1, endpoint -> false).get(0), 1, Integer::sum);
        }
        assertThat(counts).hasSize(8);
        assertThat(counts.values()).allMatch(count -> count == 100);
    }

    @Test
    void readOnlyQueuesAndSlavesAreNeverChosen() {
        List<QueueRoute> queues = new ArrayList<>(queues("broker-a", BROKER_A, 2, Permission.READ));
        queues.addAll(queues("broker-b", BROKER_B, 2, Permission.READ_WRITE));
        queues.add(queue("broker-a", new Endpoint("10.0.0.3", 8081), 1, 5, Permission.READ_WRITE));
        TopicRoute route = route(queues);
        for (int i = 0; i < 20; i++) {
            QueueRoute chosen = selector.plan(route, null, 1, endpoint -> false).get(0);
            assertThat(chosen.brokerName()).isEqualTo("broker-b");
            assertThat(chosen.master()).isTrue();
        }
    }

    @Test
    void retriesGoToAnotherBrokerFirst() {
        TopicRoute route = route(queues("broker-a", BROKER_A, 4, Permission.READ_WRITE),
                queues("broker-b", BROKER_B, 4, Permission.READ_WRITE));
        for (int i = 0; i < 16; i++) {
            List<QueueRoute> plan = selector.plan(route, null, 3, endpoint -> false);
            assertThat(plan).hasSize(3);
            assertThat(plan.get(1).brokerName()).isNotEqualTo(plan.get(0).brokerName());
        }
    }

    @Test
    void isolatedBrokersComeLast() {
        TopicRoute route = route(queues("broker-a", BROKER_A, 4, Permission.READ_WRITE),
                queues("broker-b", BROKER_B, 4, Permission.READ_WRITE));
        for (int i = 0; i < 16; i++) {
            List<QueueRoute> plan = selector.plan(route, null, 3, BROKER_B::equals);
            assertThat(plan).extracting(QueueRoute::endpoint).containsOnly(BROKER_A);
        }
        List<QueueRoute> onlyIsolatedLeft = selector.plan(route(queues("broker-b", BROKER_B, 1,
                Permission.READ_WRITE)), null, 2, BROKER_B::equals);
        assertThat(onlyIsolatedLeft).extracting(QueueRoute::endpoint).containsOnly(BROKER_B);
    }

    @Test
    void aMessageGroupAlwaysMapsToTheSameQueueRetriesIncluded() {
        TopicRoute route = route(queues("broker-a", BROKER_A, 4, Permission.READ_WRITE),
                queues("broker-b", BROKER_B, 4, Permission.READ_WRITE));
        Set<QueueRoute> usedByGroups = new HashSet<>();
        for (int group = 0; group < 64; group++) {
            List<QueueRoute> first = selector.plan(route, "group-" + group, 3, endpoint -> false);
            assertThat(first).hasSize(3).containsOnly(first.get(0));
            for (int again = 0; again < 5; again++) {
                assertThat(selector.plan(route, "group-" + group, 3, endpoint -> false).get(0))
                        .isEqualTo(first.get(0));
            }
            usedByGroups.add(first.get(0));
        }
        assertThat(usedByGroups).as("groups spread over the queues").hasSizeGreaterThan(4);
    }

    @Test
    void aRouteWithoutWritableQueueIsRefused() {
        TopicRoute route = route(queues("broker-a", BROKER_A, 2, Permission.READ));
        assertThatThrownBy(() -> selector.plan(route, null, 1, endpoint -> false))
                .isInstanceOfSatisfying(ClientException.class,
                        e -> assertThat(e.code()).isEqualTo(Code.FORBIDDEN_VALUE));
    }

    @SafeVarargs
    private static TopicRoute route(List<QueueRoute>... brokers) {
        List<QueueRoute> all = new ArrayList<>();
        for (List<QueueRoute> broker : brokers) {
            all.addAll(broker);
        }
        return new TopicRoute("topic", all);
    }

    private static List<QueueRoute> queues(String brokerName, Endpoint endpoint, int count, Permission permission) {
        List<QueueRoute> queues = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            queues.add(queue(brokerName, endpoint, 0, id, permission));
        }
        return queues;
    }

    private static QueueRoute queue(String brokerName, Endpoint endpoint, int brokerId, int id, Permission permission) {
        return QueueRoute.of(MessageQueue.newBuilder()
                .setTopic(Resource.newBuilder().setName("topic"))
                .setId(id)
                .setPermission(permission)
                .setBroker(Broker.newBuilder().setName(brokerName).setId(brokerId).setEndpoints(endpoint.toProto()))
                .build());
    }
}
