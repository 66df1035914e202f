package dev.hollerith.platform.control;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A DataSource that lets one setting, the JDBC URL, choose the database: the driver is found by
 * the URL ({@code jdbc:h2:} or {@code jdbc:postgresql:}). The container pools its connections, so
 * an operator switches from the embedded H2 to PostgreSQL without naming a driver class.
 *
 * <p>On a full Payara Server an operator may instead configure a JDBC resource in the admin
 * console and name it in {@code hollerith.db.jndi} (e.g. {@code jdbc/hollerith}): then every
 * connection comes from that resource and the URL, user and password are not used. Its connections
 * are taken non-transactional, because the application's own pool on top of it is the one that
 * joins transactions (two non-XA resources cannot share one).
 */
public class RoutingDataSource implements DataSource {

    static final String JNDI_KEY = "hollerith.db.jndi";

    private String url;
    private String user = "";
    private String password = "";
    private int loginTimeout;
    private volatile DataSource configured;

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
        Optional<String> jndi = jndiName();
        if (jndi.isPresent()) {
            return nonTransactionalConnection(configuredDataSource(jndi.get()));
        }
        loadDriver();
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (pass != null) {
            properties.setProperty("password", pass);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            // a JDBC batch of inserts becomes multi-row INSERTs: one statement for a webhook batch's log rows
            // instead of one per row; a setting in the URL wins over this default (H2 refuses unknown settings)
            properties.setProperty("reWriteBatchedInserts", "true");
        }
        return DriverManager.getConnection(url, properties);
    }

    private static Optional<String> jndiName() {
        return ConfigProvider.getConfig(RoutingDataSource.class.getClassLoader()).getOptionalValue(JNDI_KEY, String.class)
                .map(String::trim).filter(name -> !name.isEmpty());
    }

    private DataSource configuredDataSource(String name) throws SQLException {
        DataSource dataSource = configured;
        if (dataSource == null) {
            try {
                dataSource = (DataSource) new InitialContext().lookup(name);
            } catch (NamingException | ClassCastException e) {
                // the name is configuration, not a secret; the cause says what the server found
                throw new SQLException("No JDBC resource at " + JNDI_KEY + "=" + name, "08001", e);
            }
            configured = dataSource;
        }
        return dataSource;
    }

    /** Payara's DataSources (com.sun.appserv.jdbc.DataSource) hand out connections outside the transaction on request. */
    static Connection nonTransactionalConnection(DataSource dataSource) throws SQLException {
        Method nonTx;
        try {
            nonTx = dataSource.getClass().getMethod("getNonTxConnection");
        } catch (NoSuchMethodException notPayaras) {
            return dataSource.getConnection();
        }
        try {
            return (Connection) nonTx.invoke(dataSource);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        } catch (IllegalAccessException e) {
            return dataSource.getConnection();
        }
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
