package io.pinconv.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.PinterestField;
import io.pinconv.pinterest.PinterestApi;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The request body of 1,000 events, written two ways: the hand-written writer (PinterestApi.body, from the
 * mapper's slots into 64 kB pages) and Jackson marshalling the same events as maps in one go (what camel-jackson's marshal would do,
 * into a growing array). Not a test: run it with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.pinconv.bench.RequestBodyBenchmark}
 * or from the IDE. Prints the median time and the bytes allocated per body, after a warm-up; no JMH,
 * so read the figures as an order of magnitude, not to the percent.
 */
public final class RequestBodyBenchmark {

    static final int EVENTS = 1000;
    static final int WARMUP = 300;
    static final int MEASURED = 300;

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        PinterestApi api = new PinterestApi(json);
        List<ConversionEvent> events =
                IntStream.range(0, EVENTS).mapToObj(RequestBodyBenchmark::event).toList();

        byte[] written = api.body(events).toByteArray();
        byte[] marshalled = marshal(json, events);
        if (!Arrays.equals(written, marshalled)) {
            throw new IllegalStateException("the two bodies differ: the comparison would be meaningless");
        }
        System.out.printf("body of %d events: %d bytes%n", EVENTS, written.length);

        for (int round = 0; round < 2; round++) {
            report("hand-written writer (RequestBody)", measure(() -> api.body(events)));
            report("Jackson marshal of the maps     ", measure(() -> marshal(json, events)));
        }
    }

    static byte[] marshal(ObjectMapper json, List<ConversionEvent> events) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.writeValue(
                out, Map.of("data", events.stream().map(ConversionEvent::json).toList()));
        return out.toByteArray();
    }

    interface Body {
        Object write() throws Exception;
    }

    record Figures(double medianMicros, long bytesPerBody) {}

    static Figures measure(Body body) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            body.write();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] nanos = new long[MEASURED];
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        Object sink = null;
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            sink = body.write();
            nanos[i] = System.nanoTime() - start;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (sink == null) {
            throw new IllegalStateException();
        }
        Arrays.sort(nanos);
        return new Figures(nanos[MEASURED / 2] / 1000.0, allocated / MEASURED);
    }

    static void report(String what, Figures f) {
        System.out.printf(
                "%s: median %.0f µs, %d kB allocated per body%n", what, f.medianMicros(), f.bytesPerBody() / 1024);
    }

    /** An event as EventMapper makes them (its slots): hashed user data, custom data, about 700 bytes. */
    static ConversionEvent event(int i) {
        Object[] v = new Object[PinterestField.values().length];
        v[PinterestField.EVENT_TIME.ordinal()] = 1_764_000_000L + i;
        v[PinterestField.ACTION_SOURCE.ordinal()] = "web";
        v[PinterestField.EMAIL.ordinal()] = List.of(hex(i, 'a'));
        v[PinterestField.PHONE.ordinal()] = List.of(hex(i, 'b'));
        v[PinterestField.FIRST_NAME.ordinal()] = List.of(hex(i, 'c'));
        v[PinterestField.LAST_NAME.ordinal()] = List.of(hex(i, 'd'));
        v[PinterestField.CLIENT_IP_ADDRESS.ordinal()] = "203.0.113." + (i % 250);
        v[PinterestField.CLIENT_USER_AGENT.ordinal()] =
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)";
        v[PinterestField.VALUE.ordinal()] = new BigDecimal("129.90");
        v[PinterestField.CURRENCY.ordinal()] = "USD";
        v[PinterestField.ORDER_ID.ordinal()] = "ORDER-" + i;
        v[PinterestField.NUM_ITEMS.ordinal()] = 3;
        return ConversionEvent.of("checkout", "ORDER-" + i, v);
    }

    private static String hex(int i, char fill) {
        String n = Integer.toHexString(i);
        return String.valueOf(fill).repeat(64 - n.length()) + n;
    }
}
