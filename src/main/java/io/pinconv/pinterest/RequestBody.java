package io.pinconv.pinterest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * A request body held in pages of 64 kB rather than one array: a request of 1,000 events is about
 * 750 kB, which the JVM's G1 collector would place as a "humongous" object straight into the old
 * generation, several times per request as an array grows and is copied. The length is known
 * (no chunked encoding), and the body can be sent again on a retry.
 */
public final class RequestBody extends AbstractHttpEntity {

    private static final int PAGE = 64 * 1024;

    private final List<byte[]> pages;
    private final int lastPageLength;
    private final long length;

    private RequestBody(List<byte[]> pages, int lastPageLength) {
        super(ContentType.APPLICATION_JSON, null);
        this.pages = pages;
        this.lastPageLength = lastPageLength;
        this.length = pages.isEmpty() ? 0 : (long) (pages.size() - 1) * PAGE + lastPageLength;
    }

    /** Where a body is written, page by page. */
    static final class Writer extends OutputStream {
        private final List<byte[]> pages = new ArrayList<>();
        private byte[] page;
        private int used;

        @Override
        public void write(int b) {
            if (page == null || used == PAGE) {
                newPage();
            }
            page[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (page == null || used == PAGE) {
                    newPage();
                }
                int n = Math.min(len, PAGE - used);
                System.arraycopy(b, off, page, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        private void newPage() {
            page = new byte[PAGE];
            pages.add(page);
            used = 0;
        }

        RequestBody body() {
            return new RequestBody(pages, used);
        }
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public InputStream getContent() {
        List<InputStream> streams = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            streams.add(new ByteArrayInputStream(pages.get(i), 0, i == pages.size() - 1 ? lastPageLength : PAGE));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < pages.size(); i++) {
            out.write(pages.get(i), 0, i == pages.size() - 1 ? lastPageLength : PAGE);
        }
        out.flush();
    }

    /** The body as bytes (tests, and whoever needs it whole). */
    public byte[] toByteArray() {
        byte[] all = new byte[(int) length];
        for (int i = 0; i < pages.size(); i++) {
            System.arraycopy(pages.get(i), 0, all, i * PAGE, i == pages.size() - 1 ? lastPageLength : PAGE);
        }
        return all;
    }

    @Override
    public void close() {
        // nothing to release: the pages are garbage once the exchange is
    }
}
