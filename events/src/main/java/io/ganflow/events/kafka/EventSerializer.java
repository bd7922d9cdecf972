package io.ganflow.events.kafka;

import io.ganflow.events.Json;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any event as JSON. Dead-letter topics use it: an event a handler refused is parked as it was read (one that
 * could not be read at all has no value; its bytes travel in the {@code deserialization-failure-data} header).
 */
public final class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object event) {
        return event == null ? null : Json.writeBytes(event);
    }
}
