package io.pinconv.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A host on this machine that is no destination: it answers 200 to anything and keeps every request it
 * receives (request line, headers and body), so a test can show that nothing reached it.
 */
public final class Catcher implements AutoCloseable {

    private final HttpServer server;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    public Catcher() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            StringBuilder r = new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n");
            exchange.getRequestHeaders()
                    .forEach((k, v) ->
                            r.append(k).append(": ").append(String.join(",", v)).append('\n'));
            r.append('\n').append(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(r.toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
