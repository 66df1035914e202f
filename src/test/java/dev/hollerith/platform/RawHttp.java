package dev.hollerith.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 as bytes on a socket, for what a well-behaved client cannot send: bodies on TRACE,
 * bytes that are not a valid URL, several requests on one connection, a chosen loopback source
 * address (127.0.0.2 is another caller as far as the server can tell).
 */
public final class RawHttp {

    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3})[^\\r\\n]*\\r\\n");

    /** What came back on the connection until the server closed it or went quiet. */
    public record Exchange(String text) {
        public List<Integer> statuses() {
            List<Integer> statuses = new ArrayList<>();
            Matcher m = STATUS_LINE.matcher(text);
            while (m.find()) {
                statuses.add(Integer.parseInt(m.group(1)));
            }
            return statuses;
        }

        public int status() {
            List<Integer> all = statuses();
            if (all.isEmpty()) {
                throw new AssertionError("no HTTP answer: " + text);
            }
            return all.get(0);
        }

        public String headers() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    private RawHttp() {
    }

    public static Exchange send(URL base, byte[] request) {
        return send(base, "127.0.0.1", request);
    }

    public static Exchange send(URL base, String sourceAddress, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 10_000);
            socket.setSoTimeout(8_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return new Exchange(readUntilQuiet(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server closes the connection, or sends nothing more for a while (keep-alive). */
    private static String readUntilQuiet(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // keep-alive: nothing more is coming
        } catch (IOException reset) {
            // a reset after the answer is as final as a close
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }
}
