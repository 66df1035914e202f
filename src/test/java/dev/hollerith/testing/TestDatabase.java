package dev.hollerith.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the server's database with plain SQL, as an auditor would: to prove what is (not) stored.
 * On H2 the server runs with {@code AUTO_SERVER=TRUE}, so a second process may connect.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static List<String> strings(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(System.getProperty("it.db.url"),
                System.getProperty("it.db.user"), System.getProperty("it.db.password"));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("Test query failed: " + sql, e);
        }
    }
}
