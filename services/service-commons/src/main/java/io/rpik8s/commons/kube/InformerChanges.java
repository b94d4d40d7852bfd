package io.rpik8s.commons.kube;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/** Turns a shared informer's add, update and delete callbacks into one "before, after" change callback. */
public final class InformerChanges {

    /** A change of one object: {@code before} is null when it appeared, {@code after} null when it went away. */
    @FunctionalInterface
    public interface Listener<T> {
        void changed(T before, T after);
    }

    private InformerChanges() {
    }

    public static <T> ResourceEventHandler<T> handler(Listener<T> listener) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                listener.changed(null, obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                listener.changed(oldObj, newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                listener.changed(obj, null);
            }
        };
    }
}
