package dev.genesis.infra.kafka;

import dev.genesis.common.kafka.TopicProvisioner;
import dev.genesis.common.kafka.Topics;

/** Creates the Genesis topics on a broker: {@code TopicSetup [bootstrap-servers]}. */
public final class TopicSetup {

    private TopicSetup() {
    }

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);
        for (Topics.Topic topic : Topics.ALL) {
            System.out.printf("topic %-28s %3d partitions%n", topic.name(), topic.partitions());
        }
    }
}
