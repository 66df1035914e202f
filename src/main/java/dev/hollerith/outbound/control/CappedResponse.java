package dev.hollerith.outbound.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/** Collects an answer up to a size cap: a larger one (announced or streamed) fails the exchange instead of filling the heap. */
final class CappedResponse extends AbstractBinResponseConsumer<OutboundResponse> {

    /** The answer is larger than allowed. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("response too large", null);
        }
    }

    private final long maxBytes;
    private final long started = System.nanoTime();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    CappedResponse(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) throws IOException {
        status = response.getCode();
        headers.clear();
        body.reset();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
        }
        Header length = response.getFirstHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.getValue().trim()) > maxBytes) {
                    throw new TooLarge();
                }
            } catch (NumberFormatException ignored) {
                // a broken length is the protocol layer's problem; the streamed size is still capped
            }
        }
    }

    @Override
    protected int capacityIncrement() {
        return 65536;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        int n = src.remaining();
        if (body.size() + (long) n > maxBytes) {
            throw new TooLarge();
        }
        if (src.hasArray()) {
            body.write(src.array(), src.arrayOffset() + src.position(), n);
            src.position(src.limit());
        } else {
            byte[] chunk = new byte[n];
            src.get(chunk);
            body.write(chunk, 0, n);
        }
    }

    @Override
    protected OutboundResponse buildResult() {
        return new OutboundResponse(status, headers, body.toByteArray(), Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public void releaseResources() {
        // the body is handed over in buildResult; nothing else is held
    }
}
