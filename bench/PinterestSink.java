import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Pinterest stand-in for the throughput benchmark that costs little CPU: it reads each request,
 * counts its events (occurrences of "event_id") and accepts them all, answering as Pinterest does
 * when every event is processed. It does not validate: the integration tests' stand-in does that.
 * GET /stats answers "requests events bytes".
 *
 * Run: java bench/PinterestSink.java PORT
 */
public class PinterestSink {

    private static final byte[] NEEDLE = "\"event_id\"".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicLong requests = new AtomicLong();
    private static final AtomicLong events = new AtomicLong();
    private static final AtomicLong bytes = new AtomicLong();

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/stats", x -> answer(x, 200, requests.get() + " " + events.get() + " " + bytes.get()));
        server.createContext("/", PinterestSink::events);
        server.start();
        System.out.println("sink listening on " + args[0]);
    }

    private static void events(HttpExchange x) throws IOException {
        long n = 0;
        long size = 0;
        int matched = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = x.getRequestBody()) {
            for (int r; (r = in.read(buf)) > 0; ) {
                size += r;
                for (int i = 0; i < r; i++) {
                    // a match may straddle two reads: the state carries over
                    matched = buf[i] == NEEDLE[matched] ? matched + 1 : (buf[i] == NEEDLE[0] ? 1 : 0);
                    if (matched == NEEDLE.length) {
                        n++;
                        matched = 0;
                    }
                }
            }
        }
        requests.incrementAndGet();
        events.addAndGet(n);
        bytes.addAndGet(size);
        answer(x, 200, "{\"num_events_received\":" + n + ",\"num_events_processed\":" + n + ",\"events\":[]}");
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }
}
