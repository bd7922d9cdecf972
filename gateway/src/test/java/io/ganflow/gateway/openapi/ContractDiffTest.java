package io.ganflow.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the contract check calls breaking: what a client generated from the published document would trip on. */
class ContractDiffTest {

    /**
     * A one-operation API: POST /things takes {name (required), size} and answers {id, state (one of two), size}, all
     * three always there.
     */
    private static String api(String requestProperties, String requestRequired, String answerProperties) {
        return """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "paths": {"/things": {"post": {"operationId": "makeThing",
                   "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ask"}}}},
                   "responses": {"201": {"description": "made",
                     "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
                 "components": {"schemas": {
                   "Ask": {"type": "object", "required": [%s], "properties": {%s}},
                   "Thing": {"type": "object", "required": ["id", "state", "size"], "properties": {%s}}}}}
                """.formatted(requestRequired, requestProperties, answerProperties);
    }

    private static final String ASK = "\"name\": {\"type\": \"string\"}, \"size\": {\"type\": \"integer\"}";
    private static final String THING = "\"id\": {\"type\": \"string\"}, "
            + "\"state\": {\"type\": \"string\", \"enum\": [\"NEW\", \"DONE\"]}, \"size\": {\"type\": \"integer\"}";
    private static final String PUBLISHED = api(ASK, "\"name\"", THING);

    @Test
    void theSameDocumentIsUnchanged() {
        ContractDiff diff = ContractDiff.between(PUBLISHED, api(ASK, "\"name\"", THING));
        assertTrue(diff.identical());
        assertFalse(diff.breaking());
    }

    @Test
    void aFieldRemovedFromAnAnswerIsBreaking() {
        String withoutSize =
                "\"id\": {\"type\": \"string\"}, " + "\"state\": {\"type\": \"string\", \"enum\": [\"NEW\", \"DONE\"]}";
        ContractDiff diff = ContractDiff.between(
                PUBLISHED,
                api(ASK, "\"name\"", withoutSize).replace("\"id\", \"state\", \"size\"", "\"id\", \"state\""));
        assertTrue(diff.breaking(), diff.report());
        assertTrue(diff.report().contains("size"), diff.report());
    }

    @Test
    void aNewRequiredRequestFieldIsBreaking() {
        ContractDiff diff = ContractDiff.between(PUBLISHED, api(ASK, "\"name\", \"size\"", THING));
        assertTrue(diff.breaking(), diff.report());
    }

    @Test
    void aChangedTypeIsBreaking() {
        ContractDiff diff = ContractDiff.between(
                PUBLISHED,
                api(
                        ASK,
                        "\"name\"",
                        THING.replace("\"size\": {\"type\": \"integer\"}", "\"size\": {\"type\": \"string\"}")));
        assertTrue(diff.breaking(), diff.report());
    }

    @Test
    void anEnumValueRemovedFromARequestIsBreaking() {
        String askWithKind = ASK + ", \"kind\": {\"type\": \"string\", \"enum\": [\"A\", \"B\"]}";
        String askWithFewerKinds = ASK + ", \"kind\": {\"type\": \"string\", \"enum\": [\"A\"]}";
        ContractDiff diff =
                ContractDiff.between(api(askWithKind, "\"name\"", THING), api(askWithFewerKinds, "\"name\"", THING));
        assertTrue(diff.breaking(), diff.report());
    }

    @Test
    void aNewStateInAnAnswerIsBreaking() {
        // a client that handles every state the contract names meets one it does not know
        ContractDiff diff = ContractDiff.between(
                PUBLISHED, api(ASK, "\"name\"", THING.replace("[\"NEW\", \"DONE\"]", "[\"NEW\", \"DONE\", \"LOST\"]")));
        assertTrue(diff.breaking(), diff.report());
    }

    @Test
    void aNewOptionalRequestFieldAndANewAnswerFieldAreCompatible() {
        ContractDiff diff = ContractDiff.between(
                PUBLISHED,
                api(
                        ASK + ", \"colour\": {\"type\": \"string\"}",
                        "\"name\"",
                        THING + ", \"made\": {\"type\": \"integer\"}"));
        assertFalse(diff.identical());
        assertFalse(diff.breaking(), diff.report());
    }

    @Test
    void aRemovedOperationIsBreaking() {
        String none = PUBLISHED.replaceFirst("\"/things\"", "\"/other-things\"");
        assertTrue(ContractDiff.between(PUBLISHED, none).breaking());
    }
}
