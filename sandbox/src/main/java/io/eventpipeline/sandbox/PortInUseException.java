package io.eventpipeline.sandbox;

/** A port the sandbox needs is taken: says which, by what part, and how to choose another. */
public final class PortInUseException extends RuntimeException {
    public PortInUseException(String part, int port, String option) {
        super(
                "port "
                        + port
                        + " ("
                        + part
                        + ") is already in use: stop whatever listens there (is another sandbox"
                        + " running?) or choose another port with "
                        + option);
    }
}
