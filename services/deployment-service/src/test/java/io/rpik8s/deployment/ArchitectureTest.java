package io.rpik8s.deployment;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of deployment-service, kept by the build: REST and the PlatformApp operator on top; the write side
 * (changes and their events, rollout outcomes) and the read side (listing and views) below them; the plugins, the
 * cluster cache and the store at the bottom. docs/architecture.md draws the same layers.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.rpik8s.deployment");

    @Test
    void importsRunDownTheLayersOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("REST").definedBy("io.rpik8s.deployment.api..")
                .layer("Operator").definedBy("io.rpik8s.deployment.operator..")
                .layer("Writes").definedBy("io.rpik8s.deployment.change..", "io.rpik8s.deployment.rollout..")
                .layer("Reads").definedBy("io.rpik8s.deployment.status..")
                .layer("Plugins").definedBy("io.rpik8s.deployment.plugin..")
                .layer("Resource model").definedBy("io.rpik8s.deployment.crd..")
                .layer("Cluster").definedBy("io.rpik8s.deployment.kube..")
                .layer("Store").definedBy("io.rpik8s.deployment.history..")
                .layer("Config").definedBy("io.rpik8s.deployment.config..")
                .whereLayer("REST").mayNotBeAccessedByAnyLayer()
                .whereLayer("Operator").mayNotBeAccessedByAnyLayer()
                .whereLayer("Writes").mayOnlyBeAccessedByLayers("REST", "Operator")
                .whereLayer("Reads").mayOnlyBeAccessedByLayers("REST")
                .whereLayer("Plugins").mayOnlyBeAccessedByLayers("REST", "Operator", "Writes", "Reads")
                .whereLayer("Resource model").mayOnlyBeAccessedByLayers("REST", "Operator", "Reads")
                .whereLayer("Cluster").mayOnlyBeAccessedByLayers("REST", "Operator", "Writes", "Reads", "Plugins")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("REST", "Writes")
                .check(SERVICE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.rpik8s.deployment.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void builtInPluginsUseOnlyWhatAnExternalPluginSees() {
        for (String plugin : new String[] {"container", "manifest"}) {
            String own = "io.rpik8s.deployment.plugin." + plugin + "..";
            noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat(resideInAnyPackage("io.rpik8s.deployment..", "io.rpik8s.commons..")
                            .and(not(resideInAPackage(own))))
                    .because("a built-in plugin is an example an extender copies: the SPI (io.rpik8s.model.plugin) "
                            + "and the Kubernetes client are all it may use")
                    .check(SERVICE);
        }
    }

    @Test
    void onlyTheRestLayerSpeaksHttp() {
        noClasses().that().resideOutsideOfPackage("io.rpik8s.deployment.api..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.rpik8s.commons.problem..",
                        "org.jboss.resteasy..")
                .because("domain code throws domain exceptions (io.rpik8s.model.plugin.AppException), which the "
                        + "REST layer maps to problems in one table")
                .check(SERVICE);
    }

    @Test
    void noServiceImportsAnother() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.rpik8s.monitoring..",
                "io.rpik8s.storage..", "io.rpik8s.webhook..", "io.rpik8s.panel..").check(SERVICE);
    }
}
