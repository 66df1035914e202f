package dev.hollerith.platform.control;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * JPA 3.1 does not know {@link Instant}: EclipseLink 4 stores it as a serialized Java object
 * (VARBINARY / BYTEA), which SQL can neither compare reliably nor read. This stores it as a
 * TIMESTAMP holding UTC wall time, the same on H2 and PostgreSQL and independent of the JVM's time
 * zone. Native SQL binds {@link #toDatabase(Instant)}. It applies to every {@code Instant} attribute of
 * every entity, so no timestamp column can silently fall back to serialization.
 */
@Converter(autoApply = true)
public class UtcInstantConverter implements AttributeConverter<Instant, LocalDateTime> {

    @Override
    public LocalDateTime convertToDatabaseColumn(Instant instant) {
        return toDatabase(instant);
    }

    @Override
    public Instant convertToEntityAttribute(LocalDateTime utc) {
        return fromDatabase(utc);
    }

    public static Instant fromDatabase(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    public static LocalDateTime toDatabase(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
