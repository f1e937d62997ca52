package io.pinconv.activation;

import io.pinconv.config.ActivationProperties;
import io.pinconv.config.BaseUrls;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DeliveryProperties;
import io.pinconv.config.DestinationProperties;
import io.pinconv.config.MonitorProperties;
import io.pinconv.config.ScheduleProperties;
import io.pinconv.egress.AccessTokens;
import io.pinconv.mapping.ActivationMapping;
import io.pinconv.mapping.EventMapper;
import io.pinconv.mapping.FieldRules;
import io.pinconv.mapping.FieldValue;
import io.pinconv.mapping.InvalidFieldPolicy;
import io.pinconv.mapping.MappingContext;
import io.pinconv.mapping.PinterestField;
import io.pinconv.segment.SegmentColumn;
import io.pinconv.segment.SegmentReader;
import io.pinconv.segment.TimeKind;
import io.pinconv.source.Source;
import io.pinconv.source.Sources;
import java.text.ParseException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The activations, each checked at startup against its configuration and its segment. A broken one is
 * kept aside with the list of what to fix, and never scheduled; the others run. One whose source does not answer
 * is scheduled and waits: it is resolved again each time it is to run, and runs once its source answers.
 */
@Component
public class ActivationCatalog {

    private static final Logger log = LoggerFactory.getLogger(ActivationCatalog.class);
    private static final Pattern AD_ACCOUNT = Pattern.compile("\\d{1,18}");

    /** A source that did not answer is asked again no sooner than this (a run, a preview, an API call). */
    static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(5);

    private final ConversionsProperties properties;
    private final SegmentReader segments;
    private final Sources sources;
    private final Clock clock;

    // read by runs, health and the API while a waiting activation may move to ready or to problems
    private final Map<String, Activation> ready = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, List<String>> problems = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Waiting> waiting = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, List<String>> destinationProblems = new LinkedHashMap<>();

    /** What an activation waiting for its source needs before it resolves: to be scheduled and delivered to. */
    private record Waiting(
            String sourceId,
            String destinationId,
            DestinationProperties destination,
            ScheduleProperties schedule,
            String reason,
            Instant askedAt) {}

    /** An activation to schedule: ready, or waiting for its source. */
    public record Scheduled(String id, ScheduleProperties schedule) {}

    public ActivationCatalog(
            ConversionsProperties properties,
            SegmentReader segments,
            Sources sources,
            AccessTokens tokens,
            Clock clock) {
        this.properties = properties;
        this.segments = segments;
        this.sources = sources;
        this.clock = clock;
        properties.destinations().forEach((id, d) -> {
            List<String> p = checkDestination(d, tokens.isSet(id), properties.delivery());
            if (!p.isEmpty()) {
                destinationProblems.put(id, p);
            }
        });
        // a source found down is not asked again for each of its activations: each ask may wait its time-out
        Map<String, String> down = new LinkedHashMap<>();
        properties.activations().forEach((id, a) -> {
            if (!Boolean.TRUE.equals(a.enabled())) {
                log.info("Activation '{}' is disabled (enabled: false): it is not scheduled", id);
                return;
            }
            List<String> p = new ArrayList<>();
            try {
                Activation activation = resolve(id, a, p, down);
                if (activation != null && p.isEmpty()) {
                    ready.put(id, activation);
                } else {
                    misconfigured(id, p);
                }
            } catch (SegmentColumns.SourceNotAnswering e) {
                down.put(e.sourceId, e.reason);
                waits(id, a, e);
                log.warn(
                        "Activation '{}' waits for source '{}', which does not answer ({}): it is scheduled, and runs"
                                + " once the source answers",
                        id,
                        e.sourceId,
                        e.reason);
            }
        });
        destinationProblems.forEach(
                (id, p) -> log.error("Destination '{}' is misconfigured:\n  - {}", id, String.join("\n  - ", p)));
        if (properties.activations().isEmpty()) {
            log.warn("No activation is configured (conversions.activations): nothing will be sent");
        }
    }

    private void misconfigured(String id, List<String> p) {
        problems.put(id, List.copyOf(p));
        log.error(
                "Activation '{}' is misconfigured and will not run until its configuration is fixed:\n  - {}",
                id,
                String.join("\n  - ", p));
    }

    private void waits(String id, ActivationProperties a, SegmentColumns.SourceNotAnswering e) {
        waiting.put(
                id,
                new Waiting(
                        e.sourceId,
                        a.destination(),
                        properties.destinations().get(a.destination()),
                        a.schedule(),
                        e.reason,
                        clock.instant()));
    }

    public Collection<Activation> ready() {
        synchronized (ready) {
            return List.copyOf(ready.values());
        }
    }

    public Optional<Activation> find(String id) {
        return Optional.ofNullable(ready.get(id));
    }

    /**
     * The activation, ready to run. One waiting for its source is resolved again first (its source asked at most
     * every {@link #ASK_AGAIN_AFTER}).
     *
     * @throws WaitingForSourceException        its source still does not answer
     * @throws MisconfiguredActivationException it cannot run until its configuration is fixed
     * @throws NoSuchActivationException        no such activation is configured (or it is disabled)
     */
    public Activation get(String id) {
        Activation a = ready.get(id);
        if (a != null) {
            return a;
        }
        if (waiting.containsKey(id)) {
            return resolveWaiting(id);
        }
        // typed, so that callers tell "no such activation" from "cannot run now" without reading the message
        List<String> p = problems.get(id);
        throw p != null ? new MisconfiguredActivationException(id, p) : new NoSuchActivationException(id);
    }

    private synchronized Activation resolveWaiting(String id) {
        Activation a = ready.get(id);
        if (a != null) {
            return a;
        }
        Waiting w = waiting.get(id);
        if (w == null) {
            return get(id);
        }
        if (clock.instant().isBefore(w.askedAt().plus(ASK_AGAIN_AFTER))) {
            throw new WaitingForSourceException(id, w.sourceId(), w.reason());
        }
        List<String> p = new ArrayList<>();
        try {
            Activation activation = resolve(id, properties.activations().get(id), p, Map.of());
            waiting.remove(id);
            if (activation != null && p.isEmpty()) {
                ready.put(id, activation);
                log.info("Source '{}' answers: activation '{}' is ready", w.sourceId(), id);
                return activation;
            }
            misconfigured(id, p);
            throw new MisconfiguredActivationException(id, p);
        } catch (SegmentColumns.SourceNotAnswering e) {
            waits(id, properties.activations().get(id), e);
            log.debug("Activation '{}': source '{}' still does not answer ({})", id, e.sourceId, e.reason);
            throw new WaitingForSourceException(id, e.sourceId, e.reason);
        }
    }

    /** What to fix, by activation id, for the activations that cannot run. */
    public Map<String, List<String>> problems() {
        synchronized (problems) {
            return Map.copyOf(problems);
        }
    }

    /** Why each activation waiting for its source waits, by activation id. */
    public Map<String, String> waiting() {
        Map<String, String> out = new LinkedHashMap<>();
        synchronized (waiting) {
            waiting.forEach((id, w) -> out.put(
                    id, "source '" + w.sourceId() + "' does not answer (" + w.reason() + "); asked again at each run"));
        }
        return out;
    }

    /** The activations to schedule, ready or waiting for their source, in the configuration's order. */
    public List<Scheduled> scheduled() {
        Map<String, Scheduled> byId = new LinkedHashMap<>();
        synchronized (ready) {
            ready.values().forEach(a -> byId.put(a.id(), new Scheduled(a.id(), a.schedule())));
        }
        synchronized (waiting) {
            waiting.forEach((id, w) -> byId.put(id, new Scheduled(id, w.schedule())));
        }
        List<Scheduled> ordered = new ArrayList<>();
        properties.activations().keySet().forEach(id -> {
            if (byId.containsKey(id)) {
                ordered.add(byId.get(id));
            }
        });
        return ordered;
    }

    /** The destinations that activations ready or waiting for their source deliver to, by id. */
    public Map<String, DestinationProperties> destinationsInUse() {
        Map<String, DestinationProperties> used = new LinkedHashMap<>();
        ready().forEach(a -> used.putIfAbsent(a.destinationId(), a.destination()));
        synchronized (waiting) {
            waiting.values().forEach(w -> used.putIfAbsent(w.destinationId(), w.destination()));
        }
        return used;
    }

    private static List<String> checkDestination(
            DestinationProperties d, boolean hasToken, DeliveryProperties delivery) {
        List<String> p = new ArrayList<>();
        if (d.adAccountId() == null
                || !AD_ACCOUNT.matcher(d.adAccountId().strip()).matches()) {
            p.add("ad-account-id must be the ad account's number, digits only (found "
                    + (d.adAccountId() == null ? "nothing" : "'" + d.adAccountId() + "'") + ")");
        }
        if (!d.dryRun() && !hasToken) {
            p.add(
                    "access-token is missing: set it (e.g. access-token: ${PINTEREST_ACCESS_TOKEN}) or set dry-run: true");
        }
        BaseUrls.problem(d.baseUrl()).ifPresent(p::add);
        if (d.alertWebhook() != null
                && !d.alertWebhook().isBlank()
                && BaseUrls.problem(d.alertWebhook()).isPresent()) {
            p.add(
                    "alert-webhook must be an https URL (alerts quote run failures and reasons; plain http is accepted only"
                            + " for a receiver on this machine: localhost, 127.0.0.1, [::1])");
        }
        p.addAll(d.breaker().resolved(delivery).problems());
        return p;
    }

    /**
     * The activation, or null with what to fix said in {@code p}.
     *
     * @throws SegmentColumns.SourceNotAnswering when its source does not answer (or was found down in this pass,
     *     {@code down}) and nothing else is wrong
     */
    private Activation resolve(String id, ActivationProperties a, List<String> p, Map<String, String> down) {
        Map<String, DestinationProperties> destinations = properties.destinations();
        DestinationProperties destination = null;
        if (a.destination() == null || a.destination().isBlank()) {
            p.add("destination is missing: name one of conversions.destinations " + destinations.keySet());
        } else if (!destinations.containsKey(a.destination())) {
            p.add("destination '" + a.destination() + "' is not configured; configured destinations: "
                    + destinations.keySet());
        } else if (destinationProblems.containsKey(a.destination())) {
            p.add("destination '" + a.destination() + "' is misconfigured: "
                    + String.join("; ", destinationProblems.get(a.destination())));
        } else {
            destination = destinations.get(a.destination());
        }

        String eventType = a.eventType() == null ? null : a.eventType().strip();
        if (eventType == null || eventType.isEmpty()) {
            p.add("event-type is missing: one of " + new TreeSet<>(EventTypes.ALL));
        } else if (!EventTypes.ALL.contains(eventType)) {
            p.add("event-type '" + eventType + "' is not a Pinterest event name; use one of "
                    + new TreeSet<>(EventTypes.ALL));
        }

        checkSchedule(a.schedule(), p);

        if (a.batchSize() < 1 || a.batchSize() > ActivationProperties.MAX_BATCH_SIZE) {
            p.add("batch-size " + a.batchSize() + " is out of range: Pinterest takes 1 to 1000 events per request");
        }

        MappingContext context = context(a, p);
        Map<PinterestField, String> fieldColumns = new EnumMap<>(PinterestField.class);
        Map<PinterestField, Object> constants = new EnumMap<>(PinterestField.class);
        a.mapping().forEach((name, source) -> {
            Optional<PinterestField> found = PinterestField.byName(name);
            if (found.isEmpty()) {
                p.add("mapping." + name + ": unknown Pinterest field" + MappingSources.suggestion(name)
                        + "; the field mapping reference (docs/field-mapping.md) lists them all");
                return;
            }
            PinterestField field = found.get();
            if (fieldColumns.containsKey(field) || constants.containsKey(field)) {
                p.add("mapping." + name + ": " + field.fieldName() + " is mapped twice (" + field.fieldName()
                        + " and its alias)");
            } else if (source == null || source.isBlank()) {
                p.add("mapping." + name + ": give a column, or a constant such as =offline");
            } else if (MappingSources.isConstant(source)) {
                if (PinterestField.COLUMN_ONLY.contains(field)) {
                    p.add("mapping." + name + ": " + field.fieldName() + " must come from a column, not the constant "
                            + source);
                    return;
                }
                Object constant = MappingSources.constant(source);
                FieldValue checked = field.rule().apply(constant, context == null ? MappingContext.UTC : context);
                if (checked instanceof FieldValue.Invalid inv) {
                    p.add("mapping." + name + ": the constant " + source + " is not valid: " + field.fieldName() + " "
                            + inv.rule());
                } else if (checked instanceof FieldValue.Absent) {
                    p.add("mapping." + name + ": the constant " + source + " is empty");
                } else {
                    constants.put(field, constant);
                }
            } else {
                fieldColumns.put(field, source.strip());
            }
        });
        for (PinterestField required : PinterestField.REQUIRED) {
            if (!fieldColumns.containsKey(required) && !constants.containsKey(required)) {
                p.add("mapping." + required.fieldName() + " is required: name the segment column that holds it");
            }
        }
        if (!fieldColumns.containsKey(PinterestField.EMAIL)
                && !fieldColumns.containsKey(PinterestField.MOBILE_AD_ID)
                && !(fieldColumns.containsKey(PinterestField.CLIENT_IP_ADDRESS)
                        && fieldColumns.containsKey(PinterestField.CLIENT_USER_AGENT))) {
            p.add(
                    "mapping needs an identifier Pinterest can match: email, mobile_ad_id, or both client_ip_address and client_user_agent");
        }
        if ("checkout".equals(eventType)) {
            for (PinterestField f : List.of(PinterestField.VALUE, PinterestField.CURRENCY)) {
                if (!fieldColumns.containsKey(f) && !constants.containsKey(f)) {
                    p.add("mapping." + f.fieldName() + " is required for a checkout event");
                }
            }
        }

        Duration lookBack = a.lookBack() == null ? EventMapper.MAX_AGE : a.lookBack();
        if (lookBack.isNegative() || lookBack.isZero() || lookBack.compareTo(EventMapper.MAX_AGE) > 0) {
            p.add("look-back " + a.lookBack() + " is out of range: it must be positive and at most 7 days (P7D),"
                    + " since Pinterest refuses older events");
        }
        if (a.cursorOverlap().isNegative() || a.cursorOverlap().compareTo(lookBack) > 0) {
            p.add("cursor-overlap " + a.cursorOverlap() + " is out of range: from 0 to the look-back (" + lookBack
                    + ")");
        }
        if (a.cursor() != null && !a.cursor().isBlank() && !fieldColumns.containsKey(PinterestField.EVENT_ID)) {
            p.add(
                    "cursor needs mapping.event_id from a column: rows held back or pending behind the cursor are found again by their id");
        }
        InvalidFieldPolicy onInvalidField = InvalidFieldPolicy.parse(a.onInvalidField());
        if (onInvalidField == null) {
            p.add("on-invalid-field '" + a.onInvalidField()
                    + "' is neither drop nor hold: drop (the default) sends the event without"
                    + " a value that cannot be normalised and records a field warning; hold holds the row back");
        }
        MonitorProperties monitors = (a.monitors() == null
                        ? new MonitorProperties(null, null, null, null)
                        : a.monitors())
                .over(properties.monitors());
        // each activation says what is wrong with the defaults too: they are its settings
        p.addAll(properties.monitors().problems("conversions.monitors."));
        p.addAll(monitors.problems("monitors.").stream()
                .filter(problem -> a.monitors() != null)
                .toList());
        // Sources refused, at start, an activation naming a source that is not configured
        Source source = a.source() == null || a.source().isBlank()
                ? null
                : sources.get(a.source().strip());
        Map<String, TimeKind> timeKinds = new LinkedHashMap<>();
        Map<String, SegmentColumn> columns;
        try {
            if (source != null && down.containsKey(source.id())) {
                throw new SegmentColumns.SourceNotAnswering(source.id(), down.get(source.id()));
            }
            columns = SegmentColumns.resolve(a.segment(), fieldColumns, a.cursor(), segments, source, timeKinds, p);
        } catch (SegmentColumns.SourceNotAnswering e) {
            // only an activation that nothing else stops waits for its source; the others say all there is to fix
            if (!p.isEmpty() || destination == null || context == null) {
                p.add(e.getMessage());
                return null;
            }
            throw e;
        }
        if (!p.isEmpty() || destination == null || columns == null || context == null) {
            return null;
        }
        Map<String, String> columnByField = new LinkedHashMap<>();
        Map<String, String> columnTypes = new LinkedHashMap<>();
        columns.forEach((field, column) -> {
            if (!field.equals(SegmentColumns.CURSOR)) {
                columnByField.put(field, column.name());
                columnTypes.put(field, column.typeName());
            }
        });
        return new Activation(
                id,
                a.destination(),
                destination,
                a.segment().strip(),
                a.schedule(),
                a.batchSize(),
                new ActivationMapping(id, eventType, fieldColumns, constants, context, lookBack, onInvalidField),
                columnByField,
                columnTypes,
                columns.get(SegmentColumns.CURSOR),
                lookBack,
                source,
                Map.copyOf(timeKinds),
                a.cursorOverlap(),
                monitors);
    }

    private static void checkSchedule(ScheduleProperties schedule, List<String> p) {
        if (schedule == null || (schedule.cron() == null && schedule.every() == null)) {
            p.add(
                    "schedule is missing: a Quartz cron expression such as \"0 0/15 * * * ?\" (every 15 minutes), or an interval such as \"every 15m\"");
            return;
        }
        if (schedule.cron() != null && schedule.every() != null) {
            p.add("schedule gives both cron and every: keep one");
        } else if (schedule.every() != null) {
            if (schedule.every().compareTo(Duration.ofSeconds(1)) < 0) {
                p.add("schedule every " + schedule.every() + " is too short: at least 1s");
            }
        } else {
            try {
                CronExpression.validateExpression(schedule.cron());
            } catch (ParseException e) {
                p.add("schedule \"" + schedule.cron() + "\" is not a Quartz cron expression (" + e.getMessage()
                        + "); for example \"0 0/15 * * * ?\" runs every 15 minutes, or write \"every 15m\"");
            }
        }
        if (schedule.timezone() != null) {
            try {
                ZoneId.of(schedule.timezone());
            } catch (DateTimeException e) {
                p.add("schedule timezone '" + schedule.timezone()
                        + "' is not a time zone; use a region id such as Europe/Paris");
            }
        }
    }

    /** The activation's time zone and default region, or null (with the problems said) when either is wrong. */
    private static MappingContext context(ActivationProperties a, List<String> p) {
        ZoneId zone = ZoneOffset.UTC;
        if (a.timezone() != null && !a.timezone().isBlank()) {
            try {
                zone = ZoneId.of(a.timezone().strip());
            } catch (DateTimeException e) {
                p.add("timezone '" + a.timezone()
                        + "' is not a time zone; use a region id such as Europe/Paris or America/New_York, or UTC");
                return null;
            }
        }
        String region = null;
        if (a.defaultRegion() != null && !a.defaultRegion().isBlank()) {
            region = FieldRules.countryCode(a.defaultRegion());
            if (region == null) {
                p.add("default-region '" + a.defaultRegion()
                        + "' is not a country; use an ISO 3166 two-letter code such as US or FR");
                return null;
            }
        }
        return new MappingContext(zone, region, null);
    }
}
