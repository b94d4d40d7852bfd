package io.rpik8s.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of storage-service, kept by the build: feature packages (bucket, database, volume) that do not know each
 * other, over the shared audit and config packages, which know none of them.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.rpik8s.storage");

    @Test
    void featuresDoNotDependOnEachOther() {
        slices().matching("io.rpik8s.storage.(bucket|database|volume)..").should().notDependOnEachOther()
                .check(SERVICE);
    }

    @Test
    void sharedPackagesSitBelowTheFeatures() {
        noClasses().that().resideInAnyPackage("io.rpik8s.storage.audit..", "io.rpik8s.storage.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rpik8s.storage.bucket..",
                        "io.rpik8s.storage.database..", "io.rpik8s.storage.volume..")
                .check(SERVICE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.rpik8s.storage.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void noServiceImportsAnother() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.rpik8s.deployment..",
                "io.rpik8s.monitoring..", "io.rpik8s.webhook..", "io.rpik8s.panel..").check(SERVICE);
    }
}
