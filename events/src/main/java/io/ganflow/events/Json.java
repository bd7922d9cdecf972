package io.ganflow.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;

/** The JSON form of every event. Unknown fields are ignored so that newer producers do not break older consumers. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Parses {@code json}; throws {@link MalformedEventException} naming the type and the cause when it cannot. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new MalformedEventException("empty " + type.getSimpleName());
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw malformed(type, e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null) {
            throw new MalformedEventException("empty " + type.getSimpleName());
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw malformed(type, e);
        } catch (IOException e) {
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Names the type and the cause: a check a record's constructor failed, or where the JSON went wrong. */
    private static MalformedEventException malformed(Class<?> type, JsonProcessingException e) {
        String cause = e instanceof ValueInstantiationException && e.getCause() != null
                ? e.getCause().getMessage()
                : e.getOriginalMessage();
        return new MalformedEventException("not a valid " + type.getSimpleName() + ": " + cause);
    }
}
