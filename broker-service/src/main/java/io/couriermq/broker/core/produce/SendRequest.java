package io.couriermq.broker.core.produce;

import io.couriermq.broker.core.topic.TopicMessageType;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One message a producer sends, as the protocol layer decoded it.
 *
 * @param queueId           the queue the producer chose, or -1 to let the broker choose
 * @param messageType       the kind the producer says it is (NORMAL, FIFO, DELAY or TRANSACTION)
 * @param tag               optional
 * @param deliveryTimestamp epoch milliseconds for DELAY messages, 0 otherwise
 * @param bornHostName      the producer's host name, as the client reports it
 * @param bornAddress       the producer's address as the broker sees the connection
 * @param bodyEncoding      "IDENTITY" or "GZIP"
 */
public record SendRequest(String topic, int queueId, TopicMessageType messageType, String messageId, String tag,
                          List<String> keys, String messageGroup, long deliveryTimestamp,
                          Map<String, String> userProperties, byte[] body, long bornTimestamp, String bornHostName,
                          InetSocketAddress bornAddress, String bodyEncoding, String traceContext) {
}
