package io.ganflow.events;

/** A message or stored object that cannot be read: the consumer parks it and goes on. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
