package io.rpik8s.panel.webhooks;

import io.rpik8s.panel.upstream.WebhookDtos.Endpoint;
import io.rpik8s.panel.upstream.WebhookDtos.EndpointRequest;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/** The endpoint form: URL, description and filters as comma-separated patterns. */
public class EndpointForm {

    @RestForm
    public String url = "";
    @RestForm
    public String description = "";
    @RestForm
    public String filterTypes = "*";
    @RestForm
    public String namespacesInclude = "";
    @RestForm
    public String namespacesExclude = "";

    static EndpointForm of(Endpoint e) {
        EndpointForm form = new EndpointForm();
        form.url = e.url();
        form.description = e.description() == null ? "" : e.description();
        form.filterTypes = join(e.filterTypes());
        form.namespacesInclude = join(e.namespacesInclude());
        form.namespacesExclude = join(e.namespacesExclude());
        return form;
    }

    EndpointRequest toRequest() {
        return new EndpointRequest(url.trim(), description.isBlank() ? null : description.trim(), list(filterTypes),
                list(namespacesInclude), list(namespacesExclude));
    }

    private static List<String> list(String commaSeparated) {
        List<String> items = Arrays.stream(commaSeparated.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        return items.isEmpty() ? null : items;
    }

    private static String join(List<String> items) {
        return items == null ? "" : String.join(", ", items);
    }
}
