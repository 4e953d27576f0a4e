package io.eventpipeline.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** Answers as a real API server words them: a JSON body, a Status on failure. */
final class Statuses {
    private Statuses() {}

    static MockResponse failure(int code, String reason, String message) {
        return json(
                code,
                Serialization.asJson(
                        new StatusBuilder()
                                .withStatus("Failure")
                                .withCode(code)
                                .withReason(reason)
                                .withMessage(message)
                                .build()));
    }

    static MockResponse json(int code, String body) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(body);
    }
}
