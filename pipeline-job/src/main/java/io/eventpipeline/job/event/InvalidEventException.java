package io.eventpipeline.job.event;

/** An input record that cannot be matched; the message is the dead letter's reason. */
public class InvalidEventException extends Exception {
    public InvalidEventException(String reason) {
        super(reason);
    }
}
