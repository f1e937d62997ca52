package io.pinconv.pinterest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.egress.AccessTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventQualityApiTest {

    final EventQualityApi api = new EventQualityApi(
            new ConversionsProperties(null, null, null), AccessTokens.of(Map.of()), null, new ObjectMapper());

    @Test
    void readsTheScoresAsOpenApiDescribesThem() {
        List<EventQualityApi.Score> scores = api.read("pin", "123", "14d", 200, """
                [{"ingestion_source":"CONVERSIONS_API","lookback_period":"14d","overall_status":"FAIR",
                  "source_platform":"WEB",
                  "quality_components":{"hashed_email":{"checkout":{"coverage":42.5,"issues":[
                      {"id":"low","name":"Low coverage","reason":"few"}]}}}}]""");
        assertThat(scores).singleElement().satisfies(s -> {
            assertThat(s.overallStatus()).isEqualTo("FAIR");
            assertThat(s.rank()).isEqualTo(1);
            assertThat(s.sourcePlatform()).isEqualTo("WEB");
            assertThat(s.qualityComponents()
                            .at("/hashed_email/checkout/coverage")
                            .asDouble())
                    .isEqualTo(42.5);
        });
        assertThat(api.read("pin", "123", "1d", 200, "[]")).isEmpty();
    }

    @Test
    void aRefusalSaysWhatTheOAuthTokenNeeds() {
        assertThatThrownBy(
                        () -> api.read("pin", "123", "1d", 401, "{\"code\":2,\"message\":\"Authentication failed.\"}"))
                .isInstanceOf(QualityScoreUnavailableException.class)
                .hasMessageContaining("refused the oauth-token of destination 'pin' (401: Authentication failed.)");
        assertThatThrownBy(() -> api.read("pin", "123", "1d", 403, "{}"))
                .hasMessageContaining("ads:read scope and access to the ad account");
        assertThatThrownBy(() -> api.read("pin", "123", "1d", 200, "{\"items\":[]}"))
                .hasMessageContaining("not an array of EventQualityScore");
        assertThatThrownBy(() -> api.fetch("pin", "1d")).isInstanceOf(NoSuchDestinationException.class);
    }

    @Test
    void ranksFollowPinterestsOrder() {
        assertThat(EventQualityApi.Score.rank("NEEDS_IMPROVEMENT")).isZero();
        assertThat(EventQualityApi.Score.rank("GOOD")).isEqualTo(2);
        assertThat(EventQualityApi.Score.rank("SOMETHING_NEW")).isEqualTo(-1);
        assertThat(EventQualityApi.Score.rank(null)).isEqualTo(-1);
    }
}
