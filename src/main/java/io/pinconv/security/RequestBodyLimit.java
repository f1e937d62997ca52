package io.pinconv.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies ({@code conversions.security.max-request-body}): nothing this service takes comes near
 * it (a replay of 10,000 ids is a few hundred kB), and an unbounded body is read whole into memory by Jackson
 * or Jolokia (a 250 MB replay body ended in OutOfMemoryError). A larger body gets 413 before it is read: by its
 * Content-Length, or, sent in chunks without one, once the limit is passed; a chunked body within it is held
 * here (at most the limit) and handed on.
 */
class RequestBodyLimit extends OncePerRequestFilter {

    private final long max;
    private final String refusal;

    RequestBodyLimit(DataSize max) {
        this.max = max.toBytes();
        this.refusal = "the request body is larger than " + readable(max) + ", the most this service takes"
                + " (conversions.security.max-request-body); a replay of many events can be sent in several calls";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            refuse(response);
            return;
        }
        if (declared < 0 && isChunked(request)) {
            byte[] body = request.getInputStream().readNBytes((int) max + 1);
            if (body.length > max) {
                refuse(response);
                return;
            }
            chain.doFilter(new HeldBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    static final DataSize SMALLEST = DataSize.ofKilobytes(1);
    // each request being read may hold this much (a chunked body here, a whole document in Jackson)
    static final DataSize LARGEST = DataSize.ofMegabytes(16);

    /** The setting, or a startup failure saying what to write. */
    static DataSize checked(DataSize configured) {
        if (configured.compareTo(SMALLEST) < 0 || configured.compareTo(LARGEST) > 0) {
            throw new IllegalStateException(
                    "conversions.security.max-request-body is " + configured.toBytes() + " bytes: write a size"
                            + " from 1KB to 16MB, e.g. 1MB (the default); each request being read may hold that much memory");
        }
        return configured;
    }

    private void refuse(HttpServletResponse response) throws IOException {
        // the rest of the body is not read: Tomcat closes the connection rather than swallow much of it
        Responses.json(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, refusal);
    }

    private static boolean isChunked(HttpServletRequest request) {
        String encoding = request.getHeader("Transfer-Encoding");
        return encoding != null && !encoding.isBlank();
    }

    private static String readable(DataSize size) {
        long bytes = size.toBytes();
        return bytes % (1024 * 1024) == 0
                ? bytes / (1024 * 1024) + " MB"
                : bytes % 1024 == 0 ? bytes / 1024 + " kB" : bytes + " bytes";
    }

    /** The request with its (chunked, bounded) body already read. */
    private static final class HeldBody extends HttpServletRequestWrapper {

        private final byte[] body;

        HeldBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset;
            try {
                charset = getCharacterEncoding() == null
                        ? StandardCharsets.ISO_8859_1
                        : Charset.forName(getCharacterEncoding());
            } catch (IllegalArgumentException unknown) {
                charset = StandardCharsets.UTF_8;
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
