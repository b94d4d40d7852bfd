package io.rpik8s.dev.simcluster.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A write the API server refuses, with the {@code v1 Status} body kube-apiserver sends: 422 {@code Invalid} with
 * {@code details.causes} naming each field, or 400 {@code BadRequest} for a body that cannot even be decoded.
 */
public record Refusal(int code, ObjectNode status) {

    /** 422 Invalid: {@code Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: ...}. */
    static Refusal invalid(ObjectMapper json, String group, String kind, String name, List<Cause> causes) {
        String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
        String list = causes.stream().map(Cause::text).collect(Collectors.joining(", "));
        String message = qualifiedKind + " \"" + name + "\" is invalid: " + (causes.size() == 1 ? list : "[" + list + "]");
        ObjectNode status = base(json, 422, "Invalid", message);
        ObjectNode details = status.putObject("details");
        details.put("name", name);
        details.put("group", group);
        details.put("kind", kind);
        ArrayNode list2 = details.putArray("causes");
        for (Cause c : causes) {
            list2.addObject().put("reason", c.reason()).put("message", c.message()).put("field", c.field());
        }
        status.put("code", 422);
        return new Refusal(422, status);
    }

    /** 400 BadRequest: a body the server cannot turn into an object of its kind. */
    static Refusal badRequest(ObjectMapper json, String message) {
        ObjectNode status = base(json, 400, "BadRequest", message);
        status.put("code", 400);
        return new Refusal(400, status);
    }

    private static ObjectNode base(ObjectMapper json, int code, String reason, String message) {
        ObjectNode status = json.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        return status;
    }
}
