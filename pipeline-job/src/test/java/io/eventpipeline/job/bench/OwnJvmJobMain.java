package io.eventpipeline.job.bench;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJobArgs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's JVM of {@link OwnJvmJob}. Arguments: the parallelism, then Flink settings as {@code
 * key=value}. Reads commands, one per line: {@code start <the job's arguments, each Base64>}
 * (answered {@code running <settings>}) and {@code cancel} (answered {@code cancelled <garbage
 * collections since the start>}); exits at the end of its input.
 */
public final class OwnJvmJobMain {
    static final String ANSWER = "@job ";

    private OwnJvmJobMain() {}

    public static void main(String[] args) throws Exception {
        int parallelism = Integer.parseInt(args[0]);
        Map<String, String> settings = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            settings.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        Configuration flink = Configuration.fromMap(settings);
        BufferedReader commands =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        JobClient job = null;
        JvmActivity gc = null;
        try {
            for (String line; (line = commands.readLine()) != null; ) {
                if (line.startsWith("start ")) {
                    StreamExecutionEnvironment env = DeployedJob.environment(flink, parallelism);
                    job = DeployedJob.start(env, decode(line.substring("start ".length())));
                    gc = JvmActivity.start();
                    answer("running " + DeployedJob.settings(env).encode());
                } else if (line.equals("cancel") && job != null) {
                    job.cancel().get();
                    job = null;
                    answer("cancelled " + gc.since());
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            answer("failed " + e);
        }
        System.exit(0);
    }

    private static void answer(String line) {
        System.out.println(ANSWER + line);
        System.out.flush();
    }

    private static PipelineDefinition decode(String encoded) throws Exception {
        List<String> args = new ArrayList<>();
        for (String arg : encoded.split(" ")) {
            args.add(new String(Base64.getDecoder().decode(arg), StandardCharsets.UTF_8));
        }
        return PipelineJobArgs.decode(args);
    }
}
