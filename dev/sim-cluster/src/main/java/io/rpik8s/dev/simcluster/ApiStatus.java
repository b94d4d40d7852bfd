package io.rpik8s.dev.simcluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code v1 Status} error bodies, so kubectl prints {@code Error from server (NotFound): pods "x" not found}. */
final class ApiStatus {

    private ApiStatus() {
    }

    static ObjectNode failure(ObjectMapper json, int code, String reason, String message, String name, String kind) {
        ObjectNode status = json.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (name != null || kind != null) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (kind != null) {
                details.put("kind", kind);
            }
        }
        status.put("code", code);
        return status;
    }

    static ObjectNode notFound(ObjectMapper json, String qualifiedResource, String name) {
        return failure(json, 404, "NotFound", qualifiedResource + " \"" + name + "\" not found", name,
                qualifiedResource.contains(".") ? qualifiedResource.substring(0, qualifiedResource.indexOf('.')) : qualifiedResource);
    }

    static ObjectNode badRequest(ObjectMapper json, String message) {
        return failure(json, 400, "BadRequest", message, null, null);
    }

    /** 409 on a create: {@code deployments.apps "web" already exists}. */
    static ObjectNode alreadyExists(ObjectMapper json, ResourcePath rp, String name) {
        ObjectNode status = failure(json, 409, "AlreadyExists", rp.qualifiedResource() + " \"" + name + "\" already exists",
                name, rp.plural());
        ((ObjectNode) status.path("details")).put("group", rp.group());
        return status;
    }

    /** 409 on an update of a stale resourceVersion, in kube-apiserver's words. */
    static ObjectNode conflict(ObjectMapper json, ResourcePath rp) {
        ObjectNode status = failure(json, 409, "Conflict", "Operation cannot be fulfilled on " + rp.qualifiedResource()
                + " \"" + rp.name() + "\": the object has been modified; please apply your changes to the latest version "
                + "and try again", rp.name(), rp.plural());
        ((ObjectNode) status.path("details")).put("group", rp.group());
        return status;
    }
}
