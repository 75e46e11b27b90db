package io.couriermq.namesrv.admin;

import io.couriermq.namesrv.route.RouteTable;
import io.couriermq.server.route.TopicRoute;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/** Read-only JSON views of the route table for operators and scripts. */
@RestController
@RequestMapping("/api")
public class RouteAdminController {

    private static final Comparator<BrokerView> BROKER_ORDER = Comparator.comparing(BrokerView::cluster)
            .thenComparing(BrokerView::brokerName).thenComparingLong(BrokerView::brokerId);

    private final RouteTable table;

    public RouteAdminController(RouteTable table) {
        this.table = table;
    }

    /** Cluster name → broker names. */
    @GetMapping("/clusters")
    public Map<String, List<String>> clusters() {
        return table.clusterInfo().brokerNamesByCluster();
    }

    @GetMapping("/brokers")
    public List<BrokerView> brokers() {
        return table.brokers().stream().map(BrokerView::of).sorted(BROKER_ORDER).toList();
    }

    @GetMapping("/topics")
    public SortedSet<String> topics() {
        return table.topics();
    }

    /** The route, or 404 with a problem+json body when no broker serves the topic and none creates it on demand. */
    @GetMapping("/topics/{topic}/route")
    public ResponseEntity<TopicRoute> route(@PathVariable("topic") String topic) {
        return table.queryRoute(topic).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.of(
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no live broker serves topic " + topic))
                .build());
    }
}
