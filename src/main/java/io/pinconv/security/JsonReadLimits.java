package io.pinconv.security;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What Jackson reads of an API request body: the API's bodies are flat (a replay is an object holding an array
 * of ids), so the bounds are far below Jackson's defaults, which are made for any document. They apply to the
 * API's requests only: the service's ObjectMapper, which the routes use for Pinterest's answers, is left as it
 * is (the API's converter gets a copy).
 */
@Configuration(proxyBeanMethods = false)
class JsonReadLimits implements WebMvcConfigurer {

    static final int MAX_NESTING_DEPTH = 16;
    // 20 digits hold any long; longer numbers are what makes BigInteger and BigDecimal parsing slow
    static final int MAX_NUMBER_LENGTH = 40;
    static final int MAX_NAME_LENGTH = 256;
    // well above the 10,000 ids a replay may name (a token each), so that a longer list is told "at most 10,000
    // eventIds per call" by the API rather than a token count; the body's size bounds the rest
    static final long MAX_TOKEN_COUNT = 200_000;

    private final long maxDocumentLength;

    JsonReadLimits(SecuritySettings settings) {
        this.maxDocumentLength = settings.maxRequestBody().toBytes();
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                ObjectMapper bounded = jackson.getObjectMapper().copy();
                bounded.getFactory().setStreamReadConstraints(constraints());
                jackson.setObjectMapper(bounded);
            }
        }
    }

    StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxStringLength((int) maxDocumentLength)
                .maxDocumentLength(maxDocumentLength)
                .maxTokenCount(MAX_TOKEN_COUNT)
                .build();
    }
}
