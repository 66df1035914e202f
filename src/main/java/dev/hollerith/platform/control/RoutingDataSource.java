package dev.hollerith.platform.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that lets one setting, the JDBC URL, choose the database: the driver is found by
 * the URL ({@code jdbc:h2:} or {@code jdbc:postgresql:}). The container pools its connections, so
 * an operator switches from the embedded H2 to PostgreSQL without naming a driver class.
 */
public class RoutingDataSource implements DataSource {

    private String url;
    private String user = "";
    private String password = "";
    private int loginTimeout;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user == null ? "" : user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        loadDriver();
        return DriverManager.getConnection(url, username, pass);
    }

    private void loadDriver() throws SQLException {
        String driver = url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver"
                : url.startsWith("jdbc:h2:") ? "org.h2.Driver" : null;
        if (driver == null) {
            throw new SQLException("Unsupported JDBC URL: use jdbc:h2: or jdbc:postgresql:", "08001");
        }
        try {
            Class.forName(driver, true, RoutingDataSource.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SQLException("JDBC driver not found: " + driver, "08001", e);
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager logging stays off: it would print URLs
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
