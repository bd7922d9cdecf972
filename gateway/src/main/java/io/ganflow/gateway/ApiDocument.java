package io.ganflow.gateway;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API's OpenAPI document: every operation needs an API key (Swagger UI's Authorize button takes one). */
@OpenAPIDefinition(
        info = @Info(title = "ganflow API", version = "1"),
        security = @SecurityRequirement(name = ApiDocument.API_KEY))
@SecurityScheme(
        securitySchemeName = ApiDocument.API_KEY,
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-API-Key",
        description = "An operator key (GAN_OPERATOR_KEYS) for everything; a reader key (GAN_READER_KEYS) for GET. "
                + "'Authorization: Bearer KEY' works too.")
public class ApiDocument extends Application {

    static final String API_KEY = "apiKey";
}
