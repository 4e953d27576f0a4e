package io.eventpipeline.operator.strimzi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KafkaTopicNamesTest {
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Test
    void aTopicNameThatIsAValidResourceNameIsKept() {
        assertThat(KafkaTopicNames.of("flight-events")).isEqualTo("flight-events");
        assertThat(KafkaTopicNames.of("shop.orders.v1")).isEqualTo("shop.orders.v1");
        assertThat(KafkaTopicNames.needsTopicName("flight-events")).isFalse();
    }

    @Test
    void anyOtherTopicNameBecomesAValidNameWithAHashOfTheTopic() {
        assertThat(KafkaTopicNames.of("Flight_Events")).matches("flight-events-[0-9a-f]{8}");
        assertThat(KafkaTopicNames.needsTopicName("Flight_Events")).isTrue();
        assertThat(KafkaTopicNames.of("__consumer_offsets"))
                .matches("consumer-offsets-[0-9a-f]{8}");
        assertThat(KafkaTopicNames.of("a..b")).matches("a-b-[0-9a-f]{8}");
        assertThat(KafkaTopicNames.of("_-_")).matches("topic-[0-9a-f]{8}");
    }

    @Test
    void topicsThatDifferOnlyInCaseOrSeparatorGetDifferentNames() {
        List<String> names =
                List.of("Orders_In", "orders_in", "ORDERS_IN", "orders-In").stream()
                        .map(KafkaTopicNames::of)
                        .toList();
        assertThat(names).doesNotHaveDuplicates().doesNotContain("orders-in");
    }

    @Test
    void theSameTopicAlwaysGetsTheSameName() {
        assertThat(KafkaTopicNames.of("Orders_In")).isEqualTo(KafkaTopicNames.of("Orders_In"));
    }

    @Test
    void everyLegalKafkaTopicNameGivesAValidResourceName() {
        String longest = "A_" + "x".repeat(247);
        for (String topic :
                List.of(
                        longest,
                        "-leading",
                        "trailing-",
                        ".hidden",
                        "UPPER",
                        "mixed.Case_1",
                        "9")) {
            String name = KafkaTopicNames.of(topic);
            assertThat(name).as(topic).matches(SUBDOMAIN);
            assertThat(name.length()).as(topic).isLessThanOrEqualTo(253);
        }
    }
}
