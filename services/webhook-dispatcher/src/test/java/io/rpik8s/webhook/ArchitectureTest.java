package io.rpik8s.webhook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's imports run one way: the REST resources and endpoint management on top, event ingestion below
 * them, the delivery machinery below that, the endpoint store and configuration at the bottom; no cycle between
 * feature packages and nothing from another service.
 */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rpik8s.webhook");

    @Test
    void layersAreOnlyUsedFromAbove() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Endpoint API").definedBy("io.rpik8s.webhook.endpoint..")
                .layer("Delivery log").definedBy("io.rpik8s.webhook.log..")
                .layer("Ingest").definedBy("io.rpik8s.webhook.ingest..")
                .layer("Delivery").definedBy("io.rpik8s.webhook.delivery..")
                .layer("Store").definedBy("io.rpik8s.webhook.store..")
                .layer("Config").definedBy("io.rpik8s.webhook.config..")
                .whereLayer("Endpoint API").mayNotBeAccessedByAnyLayer()
                .whereLayer("Delivery log").mayNotBeAccessedByAnyLayer()
                .whereLayer("Ingest").mayOnlyBeAccessedByLayers("Endpoint API")
                .whereLayer("Delivery").mayOnlyBeAccessedByLayers("Endpoint API", "Delivery log", "Ingest")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Endpoint API", "Delivery log", "Ingest", "Delivery")
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.rpik8s.webhook.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheApiPackagesSpeakHttp() {
        noClasses().that().resideOutsideOfPackages("io.rpik8s.webhook.endpoint..", "io.rpik8s.webhook.log..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void nothingComesFromAnotherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.rpik8s.deployment..",
                "io.rpik8s.monitoring..", "io.rpik8s.storage..", "io.rpik8s.panel..").check(CLASSES);
    }
}
