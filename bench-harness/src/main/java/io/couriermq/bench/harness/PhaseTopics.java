package io.couriermq.bench.harness;

/**
 * Where the phases get their topics: a topic of its own for each, since a new consumer group starts from a topic's
 * first message while the topic still has it, and would otherwise read the earlier phases' messages too.
 */
@FunctionalInterface
public interface PhaseTopics {

    PhaseTopic open(String name);

    /** A topic for one phase; closing releases it (deletes it, where the topics were made for the run). */
    interface PhaseTopic extends AutoCloseable {

        String name();

        @Override
        void close();
    }

    /** Topics that already exist, named {@code prefix + phase}, left in place after the run. */
    static PhaseTopics existing(String prefix) {
        return phase -> new PhaseTopic() {
            @Override
            public String name() {
                return prefix + phase;
            }

            @Override
            public void close() {
            }
        };
    }
}
