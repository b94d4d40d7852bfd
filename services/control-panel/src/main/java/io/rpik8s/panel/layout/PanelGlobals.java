package io.rpik8s.panel.layout;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;
import io.rpik8s.panel.session.CurrentRequest;
import io.rpik8s.panel.session.Session;
import java.util.List;

/** What every page template can use: {@code {panel:user}}, {@code {panel:nav}}, {@code {panel:operator}}... */
@TemplateExtension(namespace = "panel")
public final class PanelGlobals {

    private PanelGlobals() {
    }

    /** The signed-in user, or null on the sign-in page. */
    static Session user() {
        return current().session().orElse(null);
    }

    /** The sidebar with the current section marked. */
    static List<NavItem> nav() {
        return Sidebar.itemsFor(current().path());
    }

    /** True when the user may change workloads and storage: buttons that would fail are not shown otherwise. */
    static boolean operator() {
        return current().session().map(Session::isOperator).orElse(false);
    }

    /** True when the user may manage webhooks. */
    static boolean admin() {
        return current().session().map(Session::isAdmin).orElse(false);
    }

    private static CurrentRequest current() {
        return Arc.container().instance(CurrentRequest.class).get();
    }
}
