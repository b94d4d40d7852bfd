package io.rpik8s.deployment.crd;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Build-time post-processor of the generated CRD (quarkus.operator-sdk.crd.post-processor): fabric8's generator
 * emits printer columns sorted by JSON path, whatever the order of the annotations, so this puts them in the order
 * {@code kubectl get papp} should show; columns not listed keep their place after these.
 */
public class PrinterColumnOrder implements CRDPostProcessor {

    static final List<String> ORDER = List.of("Ready", "Replicas", "Image", "Age");

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition && definition.getSpec() != null) {
            definition.getSpec().getVersions().stream().filter(v -> v.getAdditionalPrinterColumns() != null)
                    .forEach(v -> {
                        List<CustomResourceColumnDefinition> columns = new ArrayList<>(v.getAdditionalPrinterColumns());
                        columns.sort(Comparator.comparingInt(c -> rank(c.getName())));
                        v.setAdditionalPrinterColumns(columns);
                    });
        }
        return crd;
    }

    private static int rank(String column) {
        int at = ORDER.indexOf(column);
        return at < 0 ? ORDER.size() : at;
    }
}
