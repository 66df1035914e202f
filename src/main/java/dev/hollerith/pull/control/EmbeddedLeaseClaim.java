package dev.hollerith.pull.control;

import dev.hollerith.platform.control.UtcInstantConverter;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The lease on the embedded H2 (PostgreSQL uses {@code FOR UPDATE SKIP LOCKED} instead): the due,
 * free candidates are read, one conditional UPDATE claims those that are still free (H2 locks each
 * row and checks the condition again under the lock, so of two instances racing for a row only one
 * wins it), and the rows carrying this owner and lease time are read back: what this call won. The
 * ids go in as one array ({@code id = ANY(?)}), which H2 looks up in the key; it then compares each
 * row found with every element, which is cheap for a lease (at most the pull concurrency, 256) and
 * was not for a lookup of every config (see {@link PullInputs#plansOfWidget}).
 *
 * <p>Not one statement: {@code SELECT … FROM FINAL TABLE (UPDATE … WHERE due AND free FETCH FIRST n
 * ROWS ONLY)} does the same in one round, but H2 2.2.224 (the version Payara Micro bundles) claimed
 * about 2 % of the rows a second time while their runs were being recorded (an UPDATE of
 * {@code next_run_at} in another transaction): a burst of the benchmark never finished, and
 * {@code EmbeddedLeaseClaimTest.aJobBeingRecordedIsNotLeasedAgain} reproduced it.
 */
final class EmbeddedLeaseClaim {

    private static final String DUE = "SELECT id FROM pull_job WHERE next_run_at <= ? AND (lease_until IS NULL OR lease_until < ?) "
            + "ORDER BY next_run_at FETCH FIRST ? ROWS ONLY";
    private static final String CLAIM = "UPDATE pull_job SET lease_owner = ?, lease_until = ? "
            + "WHERE id = ANY(?) AND next_run_at <= ? AND (lease_until IS NULL OR lease_until < ?)";
    private static final String WON = "SELECT id, integration_id, discriminator, widget_config_id, organization_id, next_run_at, failures "
            + "FROM pull_job WHERE id = ANY(?) AND lease_owner = ? AND lease_until = ? ORDER BY next_run_at";

    private EmbeddedLeaseClaim() {
    }

    /**
     * @param until whole milliseconds: the claim is read back by its lease time, which must survive the round trip exactly
     * @return the rows this call leased, as {@link LeasedJob#of} reads them; the caller's transaction commits them
     */
    static List<Object[]> claim(Connection connection, String owner, int limit, Instant now, Instant horizon, Instant until) throws SQLException {
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement due = connection.prepareStatement(DUE)) {
            due.setObject(1, UtcInstantConverter.toDatabase(horizon));
            due.setObject(2, UtcInstantConverter.toDatabase(now));
            due.setInt(3, limit);
            try (ResultSet rows = due.executeQuery()) {
                while (rows.next()) {
                    candidates.add(rows.getString(1));
                }
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        Array ids = connection.createArrayOf("VARCHAR", candidates.toArray());
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, owner);
            claim.setObject(2, UtcInstantConverter.toDatabase(until));
            claim.setArray(3, ids);
            claim.setObject(4, UtcInstantConverter.toDatabase(horizon));
            claim.setObject(5, UtcInstantConverter.toDatabase(now));
            if (claim.executeUpdate() == 0) {
                return List.of();
            }
        }
        List<Object[]> won = new ArrayList<>();
        try (PreparedStatement mine = connection.prepareStatement(WON)) {
            mine.setArray(1, ids);
            mine.setString(2, owner);
            mine.setObject(3, UtcInstantConverter.toDatabase(until));
            try (ResultSet rows = mine.executeQuery()) {
                while (rows.next()) {
                    won.add(new Object[] {rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC), rows.getInt(7)});
                }
            }
        }
        return won;
    }
}
