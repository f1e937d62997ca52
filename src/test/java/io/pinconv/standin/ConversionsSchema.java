package io.pinconv.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.util.List;

/**
 * Pinterest's official schema of a conversion request ({@code ConversionEvents} in the v5.23 OpenAPI
 * description, src/test/resources/pinterest), as a JSON-schema validator with OpenAPI 3.0 semantics
 * (nullable, additionalProperties: false).
 */
public final class ConversionsSchema {

    private static final JsonSchema SCHEMA = load();

    private ConversionsSchema() {}

    private static JsonSchema load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(OpenApi30.getInstance())
                        .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
        return factory.getSchema(
                SchemaLocation.of("classpath:pinterest/conversions-openapi.yaml#/components/schemas/ConversionEvents"),
                SchemaValidatorsConfig.builder().build());
    }

    /** What the schema finds wrong with a request body; empty when it conforms. */
    public static List<String> violations(JsonNode body) {
        return SCHEMA.validate(body).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
