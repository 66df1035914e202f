package dev.hollerith.punchcard.entity;

import dev.hollerith.security.control.Caller;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A message for the punch card. Stored before it is queued, so the database is the queue's
 * memory: on start the display takes every message that is not yet displayed. Ids come from a
 * sequence and only grow, which gives the history its order and its {@code before} cursor.
 */
@Entity
@Table(name = "punch_message", indexes = @Index(name = "punch_message_status", columnList = "status"))
@SequenceGenerator(name = "punch_message_ids", sequenceName = "punch_message_seq", allocationSize = 1)
@NamedQuery(name = PunchMessage.PENDING, query = "SELECT m.id FROM PunchMessage m WHERE m.status <> :displayed ORDER BY m.id")
@NamedQuery(name = PunchMessage.NEWEST, query = "SELECT m FROM PunchMessage m ORDER BY m.id DESC")
@NamedQuery(name = PunchMessage.NEWEST_BEFORE, query = "SELECT m FROM PunchMessage m WHERE m.id < :before ORDER BY m.id DESC")
@NamedQuery(name = PunchMessage.REQUEUE_INTERRUPTED,
        query = "UPDATE PunchMessage m SET m.status = :queued WHERE m.status = :displaying")
@NamedQuery(name = PunchMessage.COUNT, query = "SELECT COUNT(m) FROM PunchMessage m")
@NamedQuery(name = PunchMessage.NEWEST_OF_ORGANIZATION,
        query = "SELECT m FROM PunchMessage m WHERE m.organizationId = :organization ORDER BY m.id DESC")
@NamedQuery(name = PunchMessage.NEWEST_OF_ORGANIZATION_BEFORE,
        query = "SELECT m FROM PunchMessage m WHERE m.organizationId = :organization AND m.id < :before ORDER BY m.id DESC")
@NamedQuery(name = PunchMessage.COUNT_OF_ORGANIZATION,
        query = "SELECT COUNT(m) FROM PunchMessage m WHERE m.organizationId = :organization")
public class PunchMessage {

    public static final String PENDING = "PunchMessage.pending";
    public static final String NEWEST = "PunchMessage.newest";
    public static final String NEWEST_BEFORE = "PunchMessage.newestBefore";
    public static final String COUNT = "PunchMessage.count";
    public static final String REQUEUE_INTERRUPTED = "PunchMessage.requeueInterrupted";
    public static final String NEWEST_OF_ORGANIZATION = "PunchMessage.newestOfOrganization";
    public static final String NEWEST_OF_ORGANIZATION_BEFORE = "PunchMessage.newestOfOrganizationBefore";
    public static final String COUNT_OF_ORGANIZATION = "PunchMessage.countOfOrganization";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "punch_message_ids")
    private Long id;

    @Column(nullable = false, length = 10_000)
    private String text;

    @Column(nullable = false, length = 200)
    private String source;

    /** Who sent it, for audit only (a key id or user id); never shown by the API. */
    @Column(name = "sender_id", length = 64)
    private String senderId;

    @Column(name = "organization_id", length = 36)
    private String organizationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MessageStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "displayed_at")
    private Instant displayedAt;

    @Column(name = "display_count", nullable = false)
    private int displayCount;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error", length = 500)
    private String lastError;

    protected PunchMessage() {
    }

    /** @param text already folded and checked against the card code */
    public PunchMessage(String text, String source, String senderId, String organizationId) {
        this.text = Objects.requireNonNull(text);
        this.source = Objects.requireNonNull(source);
        this.senderId = senderId;
        this.organizationId = organizationId;
        this.status = MessageStatus.QUEUED;
        this.createdAt = Instant.now();
    }

    /**
     * Text and sender belong to the sending organization: its members and keys, and admins, may
     * read them. Messages sent by an admin (no organization) are for admins only.
     */
    public boolean isReadableBy(Caller caller) {
        return caller.isAdmin() || (organizationId != null && organizationId.equals(caller.organizationId()));
    }

    public boolean isDisplayed() {
        return status == MessageStatus.DISPLAYED;
    }

    /** Queued or failed (retried); one being displayed only when its displayer resumes it. */
    public boolean isClaimable(boolean resume) {
        return status == MessageStatus.QUEUED || status == MessageStatus.FAILED || (resume && status == MessageStatus.DISPLAYING);
    }

    public void startDisplaying() {
        if (isDisplayed()) {
            throw new IllegalStateException("Message " + id + " was displayed already");
        }
        status = MessageStatus.DISPLAYING;
        attempts++;
    }

    public void displayed(Instant at) {
        status = MessageStatus.DISPLAYED;
        displayedAt = at;
        displayCount++;
        lastError = null;
    }

    public void failed(String reason) {
        status = MessageStatus.FAILED;
        lastError = reason == null ? null : reason.substring(0, Math.min(reason.length(), 500));
    }

    public Long id() {
        return id;
    }

    public String text() {
        return text;
    }

    public String source() {
        return source;
    }

    public String senderId() {
        return senderId;
    }

    public String organizationId() {
        return organizationId;
    }

    public MessageStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant displayedAt() {
        return displayedAt;
    }

    public int displayCount() {
        return displayCount;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }
}
