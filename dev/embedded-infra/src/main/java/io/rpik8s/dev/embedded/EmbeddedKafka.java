package io.rpik8s.dev.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, one node) running in this JVM on loopback.
 * It can be stopped and started again on the same ports and data, to test what happens while the broker is down.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static EmbeddedKafka shared;
    /** How long {@link #stop()} waits for the broker; it takes about a second without controlled shutdown. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    public EmbeddedKafka(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port == 0 ? FreePorts.next() : port;
        this.controllerPort = FreePorts.next();
    }

    /** The broker shared by every test of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedKafka shared() {
        if (shared == null) {
            try {
                shared = new EmbeddedKafka(Files.createTempDirectory("kafka-test"), 0).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-kafka-stop"));
        }
        return shared;
    }

    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            Properties props = properties();
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "embedded kafka");
            }
            if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
                int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                        config.toString()}, new PrintStream(OutputStream.nullOutputStream()));
                if (rc != 0) {
                    throw new IllegalStateException("Formatting Kafka storage failed with " + rc);
                }
            }
            server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            server.startup();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the broker, keeping its data and ports for a later {@link #start()}. Gives up waiting after
     * {@link #STOP_TIMEOUT} (the broker's threads are left to die with the JVM) so that a stop never hangs.
     */
    public synchronized void stop() {
        if (server != null) {
            KafkaRaftServer stopping = server;
            server = null;
            Thread stopper = new Thread(() -> {
                stopping.shutdown();
                stopping.awaitShutdown();
            }, "embedded-kafka-shutdown");
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Creates topics with one partition (existing ones are left alone). */
    public void createTopics(String... names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = Arrays.stream(names).map(n -> new NewTopic(n, 1, (short) 1)).toList();
            admin.createTopics(topics).values().values().forEach(f -> {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Creating topics " + Set.of(names) + " failed", e);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("Creating topics " + Set.of(names) + " failed", e);
                }
            });
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        // One node: without these the internal topics never become available and consumers receive nothing.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner (compaction of __consumer_offsets) takes its dedupe buffer on the heap at start, 128 MiB by
        // default: most of the local run's launcher's heap (a heap dump, docs/benchmarks.md). 4 MiB holds the offsets
        // of 170,000 keys per pass, far beyond what a development broker keeps.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        // No flush per message (Kafka's own default): the kernel keeps what a killed process wrote, and an fsync per
        // produce request put a disk flush on the path of every event.
        // One combined node: a controlled shutdown asks the controller to move leadership to another broker and
        // waits for an approval that, with the controller stopping in the same process, never came (the local run
        // hung at "Stopping Kafka"). There is no other broker, so there is nothing to hand over.
        p.put("controlled.shutdown.enable", "false");
        return p;
    }
}
