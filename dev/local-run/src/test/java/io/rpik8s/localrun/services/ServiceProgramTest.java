package io.rpik8s.localrun.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProgramTest {

    @TempDir
    Path dir;

    @Test
    void byDefaultTheServiceRunsItsFastJarInThisJvmWithTheLocalProfileAndTheImagesInitialHeap() throws Exception {
        Path serviceDir = dir.resolve("services/storage-service");
        ServiceProgram program = ServiceProgram.of("storage-service", serviceDir, null);

        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java"), program.program());
        Path jar = serviceDir.resolve("target/quarkus-app/quarkus-run.jar");
        assertEquals(List.of("-Dquarkus.profile=local", "-Xms16m", "-jar", jar.toString()), program.arguments());
        assertFalse(program.exists(), "no jar built yet");
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);
        assertTrue(program.exists());
    }

    @Test
    void withAnImagesDirectoryTheServiceRunsItsImagesScriptWithTheLocalProfile() throws Exception {
        Path images = dir.resolve("images");
        ServiceProgram program = ServiceProgram.of("webhook-dispatcher", dir.resolve("services/webhook-dispatcher"), images);

        Path run = images.resolve("webhook-dispatcher/run");
        assertEquals(run, program.program());
        assertEquals(List.of("-Dquarkus.profile=local"), program.arguments(), "the image's entrypoint names its jar");
        assertFalse(program.exists(), "deploy/images/local-run-images not run yet");
        Files.createDirectories(run.getParent());
        Files.createFile(run);
        assertTrue(program.exists());
    }

    @Test
    void withoutACgroupTheImagesScriptGetsThePodsLimitAsJavaWould() throws Exception {
        JvmSettings jvm = new JvmSettings(java.util.Map.of("JAVA_TOOL_OPTIONS", "-Xss256k"), null);
        Path run = dir.resolve("images/control-panel/run");

        assertEquals(List.of(run.toString(), "-XX:MaxRAM=192m", "-Dquarkus.profile=local"),
                jvm.command("control-panel", 192, run, List.of("-Dquarkus.profile=local")),
                "without a cgroup the limit is emulated for the heap's size");
    }
}
