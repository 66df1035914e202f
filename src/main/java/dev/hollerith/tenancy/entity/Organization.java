package dev.hollerith.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "organization")
@NamedQuery(name = Organization.ALL, query = "SELECT o FROM Organization o ORDER BY o.createdAt, o.id")
public class Organization {

    public static final String ALL = "Organization.all";

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Organization() {
    }

    public Organization(String name) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.createdAt = Instant.now();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void rename(String newName) {
        this.name = newName;
    }
}
