package io.rpik8s.commons.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/** Tells a resource method's body parameter from its path, query and header parameters. */
final class RequestBodies {

    private static final Set<Class<? extends Annotation>> NOT_BODY = Set.of(PathParam.class, QueryParam.class,
            HeaderParam.class, BeanParam.class, CookieParam.class, FormParam.class, MatrixParam.class, Context.class,
            org.jboss.resteasy.reactive.RestPath.class, org.jboss.resteasy.reactive.RestQuery.class,
            org.jboss.resteasy.reactive.RestHeader.class);

    private RequestBodies() {
    }

    /** True when {@code v} says that a resource method's body parameter is null: the client sent no body. */
    static boolean isMissingBody(ConstraintViolation<?> v) {
        if (v.getInvalidValue() != null || v.getRootBeanClass() == null) {
            return false;
        }
        Path.MethodNode method = null;
        Path.ParameterNode parameter = null;
        int nodes = 0;
        for (Path.Node node : v.getPropertyPath()) {
            nodes++;
            if (node.getKind() == ElementKind.METHOD) {
                method = node.as(Path.MethodNode.class);
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.as(Path.ParameterNode.class);
            }
        }
        if (method == null || parameter == null || nodes != 2) {
            return false;
        }
        Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
        boolean found = false;
        // CDI subclasses redeclare the method without the parameter annotations: look at every declaration.
        for (Class<?> c = v.getRootBeanClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(method.getName(), types);
                found = true;
                for (Annotation a : List.of(m.getParameterAnnotations()[parameter.getParameterIndex()])) {
                    if (NOT_BODY.contains(a.annotationType())) {
                        return false;
                    }
                }
            } catch (NoSuchMethodException e) {
                // declared higher up
            }
        }
        return found;
    }
}
