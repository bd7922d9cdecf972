package io.ganflow.events.kafka;

import static io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA;
import static io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler.DESERIALIZATION_FAILURE_KEY_DATA;
import static io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler.DESERIALIZATION_FAILURE_VALUE_DATA;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * What every service does with a record its deserializer refuses, before SmallRye parks it on the service's
 * dead-letter topic: one log line naming the topic and the cause, and no more than {@link #KEPT_BYTES} of the
 * record's bytes in the dead letter. (SmallRye copies the bytes into two headers; a record near the broker's size
 * limit would then not fit on the dead-letter topic, the send would fail and mark the channel unhealthy, and after a
 * restart the same record would be read again: a crash loop.) The header {@value #ORIGINAL_BYTES} says how many bytes
 * a trimmed record had. Channels use it with {@code value-deserialization-failure-handler=unreadable-records}.
 */
@ApplicationScoped
@Identifier(UnreadableRecords.NAME)
public class UnreadableRecords implements DeserializationFailureHandler<Object> {

    public static final String NAME = "unreadable-records";
    public static final String ORIGINAL_BYTES = "deserialization-failure-data-bytes";
    public static final int KEPT_BYTES = EventDeserializer.MAX_BYTES;

    private static final Logger LOG = Logger.getLogger(UnreadableRecords.class);

    @Override
    public Object handleDeserializationFailure(
            String topic, boolean isKey, String deserializer, byte[] data, Exception exception, Headers headers) {
        LOG.warnf("parking an unreadable record of %s: %s", topic, exception.getMessage());
        if (headers != null && data != null && data.length > KEPT_BYTES) {
            byte[] kept = Arrays.copyOf(data, KEPT_BYTES);
            for (String name : new String[] {
                DESERIALIZATION_FAILURE_DATA,
                isKey ? DESERIALIZATION_FAILURE_KEY_DATA : DESERIALIZATION_FAILURE_VALUE_DATA
            }) {
                headers.remove(name);
                headers.add(name, kept);
            }
            headers.add(ORIGINAL_BYTES, String.valueOf(data.length).getBytes(StandardCharsets.UTF_8));
        }
        return null; // no payload: the record goes to the dead-letter topic, not to the handler
    }
}
