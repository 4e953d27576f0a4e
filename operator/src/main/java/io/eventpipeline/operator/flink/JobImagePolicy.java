package io.eventpipeline.operator.flink;

import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which images {@code spec.flink.image} may name. The image runs as the Flink pods' service account
 * with the platform's storage credentials, so a pipeline picks a tag or digest of a repository the
 * platform team trusts: the operator's own job image's repository, plus what the chart's {@code
 * job.allowedImages} adds (a repository, or every repository under a path ending in '/').
 */
public final class JobImagePolicy {
    /** A repository path, then an optional tag, then an optional digest. */
    private static final Pattern REPOSITORY_AND_REFERENCE =
            Pattern.compile(
                    "[a-z0-9]+((\\.|_|__|-+|/)[a-z0-9]+)*"
                            + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@[a-z0-9]+:[a-f0-9]{32,})?");

    private static final Pattern TAG_AND_DIGEST =
            Pattern.compile("(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@[a-z0-9]+:[a-f0-9]{32,})?");

    /** A registry host (with port) and path, without tag or digest; '/' at the end: a prefix. */
    private static final Pattern ALLOWED_ENTRY =
            Pattern.compile("[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*/?");

    private final List<String> allowed;

    /**
     * @param defaultImage the operator's job image: its repository is always allowed
     * @param extra the platform team's repositories and path prefixes
     * @throws IllegalArgumentException when an entry is not a repository or a path prefix
     */
    public JobImagePolicy(String defaultImage, List<String> extra) {
        List<String> entries = new ArrayList<>();
        entries.add(repositoryOf(defaultImage));
        for (String entry : extra) {
            if (!ALLOWED_ENTRY.matcher(entry).matches() || !entry.contains("/")) {
                throw new IllegalArgumentException(
                        "'"
                                + entry
                                + "' is not an image repository (registry.example.com/team/job)"
                                + " or a path prefix ending in / (registry.example.com/team/),"
                                + " without tag or digest");
            }
            entries.add(entry);
        }
        this.allowed = List.copyOf(entries);
    }

    public List<String> allowed() {
        return allowed;
    }

    public List<ValidationProblem> problems(FlinkSpec flink) {
        String image = flink == null ? null : flink.getImage();
        if (image == null || image.isBlank() || permitted(image)) {
            return List.of(); // absent: the default image; blank: the spec's own validation
        }
        return List.of(
                new ValidationProblem(
                        "spec.flink.image",
                        "'"
                                + image
                                + "' is not from a repository the platform team allows ("
                                + String.join(", ", allowed)
                                + "): the image runs with the Flink pods' service account and"
                                + " storage credentials. Use a tag of an allowed repository, or"
                                + " ask the platform team to add yours to the chart value"
                                + " job.allowedImages"));
    }

    boolean permitted(String image) {
        return allowed.stream().anyMatch(entry -> matches(entry, image));
    }

    private static boolean matches(String entry, String image) {
        if (!image.startsWith(entry)) {
            return false;
        }
        String rest = image.substring(entry.length());
        return entry.endsWith("/")
                ? REPOSITORY_AND_REFERENCE.matcher(rest).matches()
                : TAG_AND_DIGEST.matcher(rest).matches();
    }

    /** {@code ghcr.io/x/job:1.0@sha256:...} without its tag and digest. */
    static String repositoryOf(String image) {
        String name = image;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name;
    }
}
