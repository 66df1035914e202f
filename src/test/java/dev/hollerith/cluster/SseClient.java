package dev.hollerith.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A plain server-sent-events reader: collects (id, data) events of one stream. */
public final class SseClient implements AutoCloseable {

    public record Event(String id, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private SseClient(URI uri, String bearerToken) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + bearerToken).GET().build();
        response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            String[] id = {null};
            StringBuilder data = new StringBuilder();
            answer.body().forEach(line -> {
                if (line.startsWith("id:")) {
                    id[0] = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                } else if (line.isEmpty() && data.length() > 0) {
                    events.add(new Event(id[0], data.toString()));
                    data.setLength(0);
                }
            });
        });
    }

    public static SseClient open(URI uri, String bearerToken) {
        return new SseClient(uri, bearerToken);
    }

    /** Waits for the event with this id (a data version); returns its data. */
    public String awaitId(long id, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Event event = events.poll(200, TimeUnit.MILLISECONDS);
            if (event != null && String.valueOf(id).equals(event.id())) {
                return event.data();
            }
            if (response.isDone() && response.join().statusCode() != 200) {
                fail("event stream answered " + response.join().statusCode());
            }
        }
        fail("no event with id " + id + " within " + timeout);
        return null;
    }

    /** The next event within {@code timeout}, or null: for checking that nothing (else) was sent. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        response.thenAccept(answer -> answer.body().close());
        response.cancel(true);
    }
}
