package dev.hollerith.platform.control;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The JNDI option (hollerith.db.jndi) on a full Payara Server: .ci/payara-server-smoke proves it end to end. */
class RoutingDataSourceTest {

    static final Connection IN_TRANSACTION = connection();
    static final Connection OUTSIDE_TRANSACTIONS = connection();

    @Test
    void takesAPayaraResourcesConnectionOutsideTransactions() throws SQLException {
        assertSame(OUTSIDE_TRANSACTIONS, RoutingDataSource.nonTransactionalConnection(new PayaraLikeDataSource()));
    }

    @Test
    void takesAPlainDataSourcesOrdinaryConnection() throws SQLException {
        assertSame(IN_TRANSACTION, RoutingDataSource.nonTransactionalConnection(new PlainDataSource()));
    }

    private static Connection connection() {
        return (Connection) Proxy.newProxyInstance(RoutingDataSourceTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("toString") ? "test connection" : null);
    }

    public static class PlainDataSource implements DataSource {
        @Override
        public Connection getConnection() {
            return IN_TRANSACTION;
        }

        @Override
        public Connection getConnection(String username, String password) {
            return IN_TRANSACTION;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return null;
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    /** The shape of com.sun.appserv.jdbc.DataSource: a public getNonTxConnection(). */
    public static class PayaraLikeDataSource extends PlainDataSource {
        public Connection getNonTxConnection() {
            return OUTSIDE_TRANSACTIONS;
        }
    }
}
