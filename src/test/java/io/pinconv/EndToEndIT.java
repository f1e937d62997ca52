package io.pinconv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinconv.activation.ActivationRunner;
import io.pinconv.ledger.RunSummary;
import io.pinconv.mapping.Hashing;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole path against real parts: a PostgreSQL segment, the real Camel routes, and HTTP to a
 * Pinterest stand-in that checks requests the way Pinterest does.
 */
@ExtendWith(OutputCaptureExtension.class)
class EndToEndIT extends RunNowService {

    static final String TOKEN = "pina_TEST-token-e2e-5f1d2c";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = RunNowService.segmentOfTheService(TestDatabase.newPurchaseSegment(), pinterest);
    static final String account = TestDatabase.newAdAccount();
    static final String revokedAccount = TestDatabase.newAdAccount();

    /** Its part of {@link RunNowService}'s configuration. */
    static void activations(DynamicPropertyRegistry p) {
        TestConfig.destination(p, "pin", account, TOKEN, pinterest.baseUrl());
        TestConfig.destination(p, "revoked", revokedAccount, "pina_REVOKED-token-9a7b", pinterest.baseUrl());
        Map<String, String> full = Map.ofEntries(
                Map.entry("event_time", "purchased_at"),
                Map.entry("action_source", "channel"),
                Map.entry("event_id", "order_id"),
                Map.entry("email", "email"),
                Map.entry("phone", "phone"),
                Map.entry("first_name", "first_name"),
                Map.entry("last_name", "last_name"),
                Map.entry("country", "country"),
                Map.entry("client_ip_address", "ip"),
                Map.entry("client_user_agent", "user_agent"),
                Map.entry("value", "amount"),
                Map.entry("currency", "currency"),
                Map.entry("order_id", "order_id"));
        String segment = schema + ".purchase_events";
        TestConfig.activation(p, "purchases", "pin", segment, "checkout", TestConfig.NEVER, full);
        TestConfig.activation(p, "revoked", "revoked", segment, "checkout", TestConfig.NEVER, full);
        TestConfig.activation(
                p,
                "derived-ids",
                "pin",
                segment,
                "lead",
                TestConfig.NEVER,
                Map.of(
                        "event_time",
                        "purchased_at",
                        "action_source",
                        "channel",
                        "email",
                        "email",
                        "client_ip_address",
                        "ip",
                        "client_user_agent",
                        "user_agent"));
    }

    @Autowired
    ActivationRunner runner;

    @BeforeEach
    void clean() {
        TestDatabase.jdbc().execute("TRUNCATE " + schema + ".purchase_events");
        pinterest.reset();
    }

    @org.junit.jupiter.api.BeforeAll
    static void forgetEarlierRuns() {
        TestDatabase.forget("purchases", "revoked", "derived-ids");
        TestDatabase.jdbc()
                .update("DELETE FROM conversions.destination_state WHERE destination_id IN ('pin', 'revoked')");
    }

    static Instant hoursAgo(int h) {
        return Instant.now().minus(h, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void deliversEveryValidRowOfALargeSegmentOnceInRequestsOfAtMost1000(CapturedOutput output) {
        List<PurchaseRow> rows = new ArrayList<>();
        Set<String> valid = new HashSet<>();
        for (int i = 0; i < 4200; i++) {
            String id = "BULK-" + i;
            if (i % 100 == 7) {
                rows.add(PurchaseRow.valid(id, Instant.now().minus(Duration.ofDays(9))));
            } else {
                rows.add(PurchaseRow.valid(id, hoursAgo(1 + i % 150)));
                valid.add(id);
            }
        }
        TestDatabase.insert(schema, rows);

        RunSummary run = runner.runNow("purchases");

        assertThat(pinterest.violations()).isEmpty();
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrderElementsOf(valid);
        assertThat(pinterest.duplicatesAccepted()).isEmpty();
        assertThat(pinterest.batchSizes()).allMatch(n -> n <= 1000);
        assertThat(pinterest.batchSizes().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(valid.size());
        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(run.read()).isEqualTo(4200);
        assertThat(run.delivered()).isEqualTo(valid.size());
        assertThat(run.rejected()).isEqualTo(42);
        assertThat(run.pending()).isZero();
        assertThat(ledgerCount("purchases", "BULK-%")).isEqualTo(valid.size());

        // the log holds neither the token nor any clear-text email
        assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain("@example.com");
    }

    @Test
    void normalisesAndHashesEveryFieldAsPinterestSpecifies() {
        Instant at = hoursAgo(3);
        String preHashed = Hashing.sha256Hex("already.hashed@example.com");
        TestDatabase.insert(
                schema,
                List.of(
                        new PurchaseRow(
                                "NORM-1",
                                at,
                                " Web ",
                                "  Alice.Martin@Example.COM ",
                                "+1 (415) 555-0100",
                                " Alice ",
                                "MARTIN",
                                " US ",
                                "203.0.113.10",
                                "Mozilla/5.0 (Macintosh)",
                                new BigDecimal("72.39"),
                                "usd"),
                        PurchaseRow.valid("NORM-2", at).withEmail(preHashed.toUpperCase()),
                        PurchaseRow.valid("NORM-3", at).withPerson("0044 20 7946 0000", "José", "Ñúñez", "France")));

        runner.runNow("purchases");

        assertThat(pinterest.violations()).isEmpty();
        JsonNode e = event("NORM-1");
        assertThat(e.get("event_name").asText()).isEqualTo("checkout");
        assertThat(e.get("action_source").asText()).isEqualTo("web");
        assertThat(e.get("event_time").isIntegralNumber()).isTrue();
        assertThat(e.get("event_time").asLong()).isEqualTo(at.getEpochSecond());
        JsonNode u = e.get("user_data");
        assertThat(u.get("em").get(0).asText()).isEqualTo(Hashing.sha256Hex("alice.martin@example.com"));
        assertThat(u.get("ph").get(0).asText()).isEqualTo(Hashing.sha256Hex("14155550100"));
        assertThat(u.get("fn").get(0).asText()).isEqualTo(Hashing.sha256Hex("alice"));
        assertThat(u.get("ln").get(0).asText()).isEqualTo(Hashing.sha256Hex("martin"));
        assertThat(u.get("country").get(0).asText()).isEqualTo(Hashing.sha256Hex("us"));
        assertThat(u.get("client_ip_address").asText()).isEqualTo("203.0.113.10");
        assertThat(u.get("client_user_agent").asText()).isEqualTo("Mozilla/5.0 (Macintosh)");
        JsonNode c = e.get("custom_data");
        assertThat(c.get("value").isTextual()).isTrue();
        assertThat(c.get("value").asText()).isEqualTo("72.39");
        assertThat(c.get("currency").asText()).isEqualTo("USD");
        assertThat(c.get("order_id").asText()).isEqualTo("NORM-1");

        assertThat(event("NORM-2").get("user_data").get("em").get(0).asText()).isEqualTo(preHashed);
        JsonNode u3 = event("NORM-3").get("user_data");
        assertThat(u3.get("ph").get(0).asText()).isEqualTo(Hashing.sha256Hex("442079460000"));
        assertThat(u3.get("fn").get(0).asText()).isEqualTo(Hashing.sha256Hex("josé"));
        assertThat(u3.get("country").get(0).asText()).isEqualTo(Hashing.sha256Hex("fr"));
    }

    @Test
    void holdsBackWhatPinterestWouldRefuseWithAReasonPerRow() {
        Instant at = hoursAgo(2);
        TestDatabase.insert(
                schema,
                List.of(
                        PurchaseRow.valid("HOLD-ok", at),
                        PurchaseRow.valid("HOLD-no-time", null),
                        PurchaseRow.valid("HOLD-future", Instant.now().plus(Duration.ofHours(2))),
                        PurchaseRow.valid("HOLD-old", Instant.now().minus(Duration.ofDays(8))),
                        PurchaseRow.valid("HOLD-source", at).withChannel("online"),
                        PurchaseRow.valid("HOLD-no-source", at).withChannel(null),
                        PurchaseRow.valid("HOLD-no-identifier", at)
                                .withEmail(null)
                                .withIpAndAgent("203.0.113.1", null),
                        PurchaseRow.valid("HOLD-no-value", at).withAmount(null),
                        PurchaseRow.valid("HOLD-no-currency", at).withCurrency(" "),
                        PurchaseRow.valid("HOLD-bad-currency", at).withCurrency("dollars"),
                        PurchaseRow.valid("HOLD-no-id", at).withOrderId(null)));

        RunSummary run = runner.runNow("purchases");

        assertThat(pinterest.acceptedIds()).containsExactly("HOLD-ok");
        assertThat(run.rejected()).isEqualTo(10);
        Map<String, String> reasons = rejections("purchases").stream()
                .filter(r -> ((String) r.get("event_id")).startsWith("HOLD-"))
                .collect(Collectors.toMap(r -> (String) r.get("event_id"), r -> (String) r.get("reason")));
        assertThat(reasons)
                .containsEntry("HOLD-no-time", "event_time_missing")
                .containsEntry("HOLD-future", "event_time_in_future")
                .containsEntry("HOLD-old", "event_time_too_old")
                .containsEntry("HOLD-source", "action_source_invalid")
                .containsEntry("HOLD-no-source", "action_source_missing")
                .containsEntry("HOLD-no-identifier", "no_identifier")
                .containsEntry("HOLD-no-value", "value_missing")
                .containsEntry("HOLD-no-currency", "currency_missing")
                .containsEntry("HOLD-bad-currency", "currency_invalid");
        assertThat(rejections("purchases")).anySatisfy(r -> {
            assertThat(r.get("reason")).isEqualTo("event_id_missing");
            assertThat((String) r.get("message")).contains("order_id");
        });
        assertThat(rejections("purchases"))
                .filteredOn(r -> "HOLD-source".equals(r.get("event_id")))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("field")).isEqualTo("action_source");
                    assertThat((String) r.get("message"))
                            .contains("channel")
                            .contains("online")
                            .contains("web, app_android, app_ios, offline");
                });
        assertThat(rejections("purchases"))
                .extracting(r -> (String) r.get("message"))
                .noneMatch(m -> m.contains("@example.com"));
    }

    @Test
    void aSecondRunSendsOnlyWhatIsNewAndRepeatedIdsOnce() {
        Instant at = hoursAgo(5);
        TestDatabase.insert(
                schema,
                List.of(
                        PurchaseRow.valid("ONCE-1", at),
                        PurchaseRow.valid("ONCE-2", at),
                        PurchaseRow.valid("ONCE-2", at.minusSeconds(60)),
                        PurchaseRow.valid("ONCE-3", at)));

        RunSummary first = runner.runNow("purchases");
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("ONCE-1", "ONCE-2", "ONCE-3");
        assertThat(first.skipped()).isEqualTo(1);

        RunSummary second = runner.runNow("purchases");
        assertThat(pinterest.requests()).isEqualTo(1);
        assertThat(second.delivered()).isZero();
        assertThat(second.read())
                .as("delivered rows are left out in SQL, not read again")
                .isZero();

        TestDatabase.insert(schema, List.of(PurchaseRow.valid("ONCE-4", at)));
        runner.runNow("purchases");
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("ONCE-1", "ONCE-2", "ONCE-3", "ONCE-4");
    }

    @Test
    void aRejectedRowFixedUpstreamIsDeliveredAndItsRejectionCleared() {
        Instant at = hoursAgo(1);
        TestDatabase.insert(schema, List.of(PurchaseRow.valid("FIX-1", at).withChannel("shop")));
        runner.runNow("purchases");
        assertThat(rejections("purchases")).anyMatch(r -> "FIX-1".equals(r.get("event_id")));

        TestDatabase.jdbc()
                .update("UPDATE " + schema + ".purchase_events SET channel = 'offline' WHERE order_id = 'FIX-1'");
        runner.runNow("purchases");

        assertThat(pinterest.acceptedIds()).containsExactly("FIX-1");
        assertThat(rejections("purchases")).noneMatch(r -> "FIX-1".equals(r.get("event_id")));
    }

    @Test
    void withoutAnEventIdColumnAStableIdIsDerivedAndNothingIsSentTwice() {
        Instant at = hoursAgo(4);
        TestDatabase.insert(schema, List.of(PurchaseRow.valid("DERIVED-1", at), PurchaseRow.valid("DERIVED-2", at)));

        runner.runNow("derived-ids");
        runner.runNow("derived-ids");

        assertThat(pinterest.accepted()).hasSize(2);
        assertThat(pinterest.acceptedIds())
                .allMatch(id -> id.matches("[0-9a-f]{32}"))
                .doesNotHaveDuplicates();
        assertThat(pinterest.accepted())
                .allMatch(e -> e.get("event_name").asText().equals("lead"));
    }

    @Test
    void eventsPinterestRefusesAreRejectedWithItsMessageAndTheOthersDelivered() {
        Instant at = hoursAgo(2);
        TestDatabase.insert(
                schema,
                IntStream.range(0, 5)
                        .mapToObj(i -> PurchaseRow.valid("PART-" + i, at))
                        .toList());
        pinterest.refuseEvents(Set.of("PART-3"));

        RunSummary run = runner.runNow("purchases");

        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("PART-0", "PART-1", "PART-2", "PART-4");
        assertThat(run.delivered()).isEqualTo(4);
        assertThat(run.rejected()).isEqualTo(1);
        assertThat(rejections("purchases"))
                .filteredOn(r -> "PART-3".equals(r.get("event_id")))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("reason")).isEqualTo("refused_by_pinterest");
                    assertThat((String) r.get("message")).contains("Event refused by the stand-in");
                });
    }

    @Test
    void transientFailuresAreRetriedAndDeliverOnce() {
        Instant at = hoursAgo(2);
        TestDatabase.insert(schema, List.of(PurchaseRow.valid("RETRY-1", at), PurchaseRow.valid("RETRY-2", at)));
        pinterest.answerNext(503, 429, 500);

        RunSummary run = runner.runNow("purchases");

        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(pinterest.requests()).isEqualTo(4);
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("RETRY-1", "RETRY-2");
    }

    @Test
    void whenPinterestStaysDownTheRunFailsAndTheRowsStayPendingForTheNextRun() {
        Instant at = hoursAgo(2);
        TestDatabase.insert(schema, List.of(PurchaseRow.valid("DOWN-1", at)));
        pinterest.answerNext(503, 503, 503, 503, 503);

        RunSummary failed = runner.runNow("purchases");
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.failure()).startsWith("Pinterest answered 503");
        assertThat(failed.pending()).isEqualTo(1);
        assertThat(pinterest.accepted()).isEmpty();

        RunSummary next = runner.runNow("purchases");
        assertThat(next.status()).isEqualTo("succeeded");
        assertThat(pinterest.acceptedIds()).containsExactly("DOWN-1");
    }

    @Test
    void aRefusedTokenFailsTheRunClearlyRecordsNothingAndNeverLogsTheToken(CapturedOutput output) {
        TestDatabase.insert(schema, List.of(PurchaseRow.valid("TOKEN-1", hoursAgo(1))));

        RunSummary run = runner.runNow("revoked");

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.failure()).startsWith("Pinterest answered 401").contains("access token");
        assertThat(pinterest.requests()).isEqualTo(1);
        assertThat(pinterest.accepted()).isEmpty();
        assertThat(ledgerCount("revoked", "%")).isZero();
        assertThat(output.getAll()).contains("activation 'revoked' failed").doesNotContain("pina_REVOKED-token-9a7b");
    }

    private static JsonNode event(String id) {
        return pinterest.accepted().stream()
                .filter(e -> e.get("event_id").asText().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("event " + id + " did not reach Pinterest"));
    }

    private static long ledgerCount(String activation, String eventIds) {
        return TestDatabase.jdbc()
                .queryForObject(
                        "SELECT count(*) FROM conversions.delivered_event WHERE ad_account_id IN (?, ?) AND activation_id = ? AND event_id LIKE ?",
                        Long.class,
                        account,
                        revokedAccount,
                        activation,
                        eventIds);
    }

    private static List<Map<String, Object>> rejections(String activation) {
        return TestDatabase.jdbc()
                .queryForList("SELECT * FROM conversions.rejection WHERE activation_id = ?", activation);
    }
}
