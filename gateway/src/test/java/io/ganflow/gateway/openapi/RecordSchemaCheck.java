package io.ganflow.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganflow.testing.contracts.AsyncApiContract;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where an event record and its message schema in the AsyncAPI contract disagree, field by field and type by type.
 * The record is what is written to Kafka (every field, null included); the contract is what other services were
 * promised. A field the record lacks, a changed type or changed named values break them; a field the contract lacks
 * only needs adding to it.
 */
final class RecordSchemaCheck {

    private final AsyncApiContract contract;
    private final List<String> problems = new ArrayList<>();

    private RecordSchemaCheck(AsyncApiContract contract) {
        this.contract = contract;
    }

    static List<String> problems(AsyncApiContract contract, Class<? extends Record> record, JsonNode schema) {
        RecordSchemaCheck check = new RecordSchemaCheck(contract);
        check.record(record.getSimpleName(), record, schema);
        check.version(record, schema);
        return check.problems;
    }

    private void record(String where, Class<?> record, JsonNode schemaNode) {
        JsonNode schema = contract.resolve(nonNull(schemaNode));
        JsonNode properties = schema.path("properties");
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        Set<String> fields = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String field = component.getName();
            fields.add(field);
            if (!properties.has(field)) {
                problems.add(where + "." + field + ": written by the record, missing from the contract (add it)");
                continue;
            }
            if (!required.contains(field)) {
                problems.add(where + "." + field + ": always written, so the contract must list it as required");
            }
            type(where + "." + field, component.getGenericType(), properties.get(field));
        }
        properties.fieldNames().forEachRemaining(field -> {
            if (!fields.contains(field)) {
                problems.add(where + "." + field + ": promised by the contract, gone from the record (breaking)");
            }
        });
    }

    private void type(String where, Type javaType, JsonNode schemaNode) {
        Class<?> raw = javaType instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) javaType;
        Set<String> types = types(schemaNode);
        String expected = jsonType(raw);
        if (!types.contains(expected)) {
            problems.add(where + ": " + expected + " in the record, " + types + " in the contract (breaking)");
            return;
        }
        JsonNode schema = contract.resolve(nonNull(schemaNode));
        if (raw.isEnum()) {
            Set<String> constants = new TreeSet<>();
            Arrays.stream(raw.getEnumConstants()).forEach(c -> constants.add(((Enum<?>) c).name()));
            Set<String> promised = new TreeSet<>();
            schema.path("enum").forEach(value -> promised.add(value.asText()));
            if (!constants.equals(promised)) {
                problems.add(where + ": values " + constants + " in the record, " + promised
                        + " in the contract (breaking)");
            }
        } else if (raw.isRecord()) {
            record(where, raw, schemaNode);
        } else if (List.class.isAssignableFrom(raw)) {
            type(where + "[]", ((ParameterizedType) javaType).getActualTypeArguments()[0], schema.path("items"));
        }
    }

    /** The JSON types a schema allows: its type or types, "object" for a reference, "null" for a null branch. */
    private Set<String> types(JsonNode schemaNode) {
        Set<String> types = new TreeSet<>();
        if (schemaNode.has("oneOf")) {
            schemaNode.get("oneOf").forEach(branch -> types.addAll(types(branch)));
            return types;
        }
        JsonNode schema = contract.resolve(schemaNode);
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        } else if (schema.has("properties")) {
            types.add("object");
        }
        return types;
    }

    /** The branch of a "one of X or null" that is not null; the schema itself otherwise. */
    private static JsonNode nonNull(JsonNode schema) {
        if (schema.has("oneOf")) {
            for (JsonNode branch : schema.get("oneOf")) {
                if (!"null".equals(branch.path("type").asText())) {
                    return branch;
                }
            }
        }
        return schema;
    }

    private static String jsonType(Class<?> raw) {
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            return "integer";
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw == String.class || raw.isEnum()) {
            return "string";
        }
        if (List.class.isAssignableFrom(raw)) {
            return "array";
        }
        if (raw.isRecord() || java.util.Map.class.isAssignableFrom(raw)) {
            return "object";
        }
        throw new IllegalArgumentException("no JSON type is known for " + raw);
    }

    /** The version the record writes is the one the contract names. */
    private void version(Class<?> record, JsonNode schemaNode) {
        JsonNode version =
                contract.resolve(contract.resolve(schemaNode).path("properties").path("version"));
        if (version.isMissingNode()) {
            return;
        }
        try {
            Field constant = record.getField("VERSION");
            int written = constant.getInt(null);
            if (version.path("const").asInt(-1) != written) {
                problems.add(record.getSimpleName() + ".version: " + written + " in the record, "
                        + version.path("const") + " in the contract (a new version needs a new contract)");
            }
        } catch (ReflectiveOperationException e) {
            problems.add(record.getSimpleName() + ": has a version field but no VERSION constant");
        }
    }
}
