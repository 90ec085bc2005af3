package io.sluice.connectors.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reading whole topics without a consumer group, as Sluice's operator tools do. */
public final class Assignments {
    private Assignments() {}

    /**
     * Assigns every partition of {@code topics} to {@code consumer} and positions it at the oldest
     * records or at the end (only what arrives from now on); returns the partitions.
     */
    public static List<TopicPartition> assignAll(Consumer<?, ?> consumer, Collection<String> topics, boolean fromBeginning) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        return partitions;
    }
}
