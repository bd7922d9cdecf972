package io.ganflow.events.kafka;

import io.ganflow.events.Json;
import io.ganflow.events.MalformedEventException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one event type from a record's JSON, or throws {@link MalformedEventException} naming what is wrong: not
 * JSON, a field missing or out of range, a version this service does not know (the records check themselves when
 * built), or more bytes than any event has. Channels configure it with {@code fail-on-deserialization-failure=false}
 * and the {@code dead-letter-queue} failure strategy, so SmallRye parks such a record on the service's dead-letter
 * topic with the reason ({@code dead-letter-reason}, the raw bytes in {@code deserialization-failure-data}) and the
 * handler never sees it.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    /** Events are a few hundred bytes; anything much larger is not one of ours. */
    public static final int MAX_BYTES = 64 * 1024;

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            throw new MalformedEventException("an empty record on " + topic + " is not a " + type.getSimpleName());
        }
        if (data.length > MAX_BYTES) {
            throw new MalformedEventException("a record of " + data.length + " bytes on " + topic + " is not a "
                    + type.getSimpleName() + " (events are at most " + MAX_BYTES + " bytes)");
        }
        return Json.read(data, type);
    }
}
