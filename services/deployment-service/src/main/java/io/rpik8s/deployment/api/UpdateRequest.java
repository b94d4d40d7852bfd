package io.rpik8s.deployment.api;

import io.rpik8s.deployment.change.Names;
import io.rpik8s.deployment.plugin.container.ContainerSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** {@code PUT /deployments/{namespace}/{name}}: a rolling update of the main container; absent fields stay. */
public record UpdateRequest(
        @Size(max = 512) @Pattern(regexp = Names.IMAGE, message = Names.IMAGE_MESSAGE) String image,
        List<ContainerSettings.@Valid EnvVar> env,
        @Valid ContainerSettings.Resources resources) {
}
