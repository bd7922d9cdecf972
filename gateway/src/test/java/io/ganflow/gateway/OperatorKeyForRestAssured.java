package io.ganflow.gateway;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * The gateway's tests call the API as an operator unless a request carries a key of its own (AccessTests use no
 * RestAssured at all).
 */
public class OperatorKeyForRestAssured implements QuarkusTestBeforeEachCallback {

    public static final String OPERATOR_KEY = "test-operator-key";
    public static final String READER_KEY = "test-reader-key";

    private static final Filter OPERATOR_UNLESS_SAID = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("X-API-Key")
                && !request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("X-API-Key", OPERATOR_KEY);
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.replaceFiltersWith(OPERATOR_UNLESS_SAID);
    }
}
