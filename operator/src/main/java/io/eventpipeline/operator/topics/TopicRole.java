package io.eventpipeline.operator.topics;

/** What a topic is for in its pipeline. */
public enum TopicRole {
    INPUT("input"),
    OUTPUT("output"),
    DEAD_LETTER("deadLetter");

    private final String specField;

    TopicRole(String specField) {
        this.specField = specField;
    }

    /** The spec field that declares the topic, also the role's name in status. */
    public String specField() {
        return specField;
    }
}
