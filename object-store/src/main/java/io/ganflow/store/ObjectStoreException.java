package io.ganflow.store;

/** The object store could not be reached or refused an operation; callers retry later, nothing is lost. */
public class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
