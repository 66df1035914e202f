package dev.hollerith.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The first answer to a POST sent with an {@code Idempotency-Key}, kept in the database so that a
 * retry is answered the same way on any instance and after a restart. The row is claimed before the
 * request runs (answer still empty), so a concurrent duplicate finds it and is refused instead of
 * running twice. The key is stored only as a hash together with the caller: keys are per caller.
 */
@Entity
@Table(name = "idempotent_answer", indexes = @Index(name = "idempotent_answer_created", columnList = "created_at"))
@NamedQuery(name = IdempotentAnswer.EXPIRED, query = "DELETE FROM IdempotentAnswer a WHERE a.createdAt < :cutoff")
public class IdempotentAnswer {

    public static final String EXPIRED = "IdempotentAnswer.expired";

    /** SHA-256 of caller and key. */
    @Id
    @Column(length = 64)
    private String id;

    /** SHA-256 of method, path, query and body: the same key with another request is refused. */
    @Column(name = "request_hash", nullable = false, length = 64)
    private String requestHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Null while the first request is still running. */
    private Integer status;

    @Column(name = "content_type", length = 200)
    private String contentType;

    @Column(length = 1_000_000)
    private String body;

    /** The first answer held a secret shown once (a new API key): it is not kept, so it cannot be replayed. */
    @Column(name = "withheld", nullable = false)
    private boolean withheld;

    protected IdempotentAnswer() {
    }

    public IdempotentAnswer(String id, String requestHash, Instant createdAt) {
        this.id = id;
        this.requestHash = requestHash;
        this.createdAt = createdAt;
    }

    public void complete(int answeredStatus, String answeredType, String answeredBody, boolean holdsSecret) {
        this.status = answeredStatus;
        this.contentType = answeredType;
        this.withheld = holdsSecret;
        this.body = holdsSecret ? null : answeredBody;
    }

    public boolean isComplete() {
        return status != null;
    }

    public boolean sameRequest(String hash) {
        return requestHash.equals(hash);
    }

    public boolean isExpired(Instant cutoff) {
        return createdAt.isBefore(cutoff);
    }

    public String id() {
        return id;
    }

    public Integer status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public String body() {
        return body;
    }

    public boolean withheld() {
        return withheld;
    }
}
