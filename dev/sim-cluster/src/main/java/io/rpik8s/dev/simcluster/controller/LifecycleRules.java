package io.rpik8s.dev.simcluster.controller;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The pod lifecycle of the simulated kubelet, read from {@code pod-lifecycle.yaml} (or the file named by
 * {@code -Dsimcluster.pod-lifecycle}): the steps' times and the rules that pick each container's behaviour.
 */
record LifecycleRules(Steps steps, BackOff crashLoopBackOff, List<Rule> rules) {

    /** What a container does. */
    enum Behaviour {
        @JsonProperty("runs") RUNS,
        @JsonProperty("image-pull-back-off") IMAGE_PULL_BACK_OFF,
        @JsonProperty("crash-loop") CRASH_LOOP,
        @JsonProperty("never-ready") NEVER_READY
    }

    record Steps(Duration pullStarts, Duration containerStarts, Duration readyAfter, Duration pullBackOffAfter,
                 Duration crashRun) {

        Steps scaled(double factor) {
            return new Steps(scale(pullStarts, factor), scale(containerStarts, factor), scale(readyAfter, factor),
                    scale(pullBackOffAfter, factor), scale(crashRun, factor));
        }
    }

    record BackOff(Duration initial, Duration max) {
    }

    /** A behaviour and the conditions on the image under which it applies (absent conditions hold). */
    record Rule(Behaviour behaviour, String imageContains, String imageTagContains) {

        boolean matches(String image) {
            String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : image;
            return (imageContains == null || image.contains(imageContains))
                    && (imageTagContains == null || tag.contains(imageTagContains));
        }
    }

    static final String FILE_PROPERTY = "simcluster.pod-lifecycle";
    /** Tests speed the simulated kubelet up with {@code -Dlocalrun.kubelet.time-scale=0.2}. */
    static final String SCALE_PROPERTY = "localrun.kubelet.time-scale";

    /** The rules of {@code -Dsimcluster.pod-lifecycle} or the built-in ones, with the times scaled. */
    static LifecycleRules load() {
        String file = System.getProperty(FILE_PROPERTY);
        try (InputStream in = file != null ? Files.newInputStream(Path.of(file))
                : LifecycleRules.class.getResourceAsStream("/io/rpik8s/dev/simcluster/pod-lifecycle.yaml")) {
            return read(in).scaled(Double.parseDouble(System.getProperty(SCALE_PROPERTY, "1")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pod lifecycle rules " + (file == null ? "" : file), e);
        }
    }

    static LifecycleRules read(InputStream yaml) throws IOException {
        ObjectMapper mapper = YAMLMapper.builder().addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        LifecycleRules rules = mapper.readValue(yaml, LifecycleRules.class);
        if (rules.steps() == null || rules.crashLoopBackOff() == null) {
            throw new IOException("pod lifecycle rules need 'steps' and 'crashLoopBackOff'");
        }
        return rules.rules() == null ? new LifecycleRules(rules.steps(), rules.crashLoopBackOff(), List.of()) : rules;
    }

    LifecycleRules scaled(double factor) {
        return new LifecycleRules(steps.scaled(factor), crashLoopBackOff, rules);
    }

    /** The behaviour of a container running {@code image}: the first matching rule's, else {@link Behaviour#RUNS}. */
    Behaviour behaviourOf(String image) {
        return rules.stream().filter(r -> r.matches(image == null ? "" : image)).map(Rule::behaviour).findFirst()
                .orElse(Behaviour.RUNS);
    }

    /** The back-off before restart number {@code restarts + 1} of a crashing container. */
    Duration crashBackOff(int restarts) {
        Duration d = crashLoopBackOff.initial().multipliedBy(1L << Math.min(restarts, 10));
        return d.compareTo(crashLoopBackOff.max()) > 0 ? crashLoopBackOff.max() : d;
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }
}
