package io.rpik8s.monitoring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of monitoring-service, kept by the build: the features (cluster views, alerts, timeline, live stream)
 * over the readers of Pi and Prometheus data, over the cluster cache and config at the bottom, which know none of
 * them; no package cycles.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.rpik8s.monitoring");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.rpik8s.monitoring.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void theClusterCacheAndConfigSitAtTheBottom() {
        noClasses().that().resideInAnyPackage("io.rpik8s.monitoring.kube..", "io.rpik8s.monitoring.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rpik8s.monitoring.alerts..",
                        "io.rpik8s.monitoring.cluster..", "io.rpik8s.monitoring.health..", "io.rpik8s.monitoring.pi..",
                        "io.rpik8s.monitoring.prometheus..", "io.rpik8s.monitoring.stream..",
                        "io.rpik8s.monitoring.timeline..")
                .check(SERVICE);
    }

    @Test
    void dataReadersDoNotReachUpIntoTheFeatures() {
        noClasses().that().resideInAnyPackage("io.rpik8s.monitoring.pi..", "io.rpik8s.monitoring.prometheus..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rpik8s.monitoring.alerts..",
                        "io.rpik8s.monitoring.cluster..", "io.rpik8s.monitoring.stream..",
                        "io.rpik8s.monitoring.timeline..")
                .check(SERVICE);
    }

    @Test
    void noServiceImportsAnother() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.rpik8s.deployment..",
                "io.rpik8s.storage..", "io.rpik8s.webhook..", "io.rpik8s.panel..").check(SERVICE);
    }
}
