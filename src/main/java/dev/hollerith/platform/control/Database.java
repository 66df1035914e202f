package dev.hollerith.platform.control;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The one datasource of the application. Its URL comes from MicroProfile Config
 * ({@code hollerith.db.url}, i.e. {@code HOLLERITH_DB_URL}); the default is an H2 file under the
 * data directory, so a new user needs no set-up. The same WAR runs on a full Payara Server with
 * the keys set as system properties.
 */
@Singleton
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "dev.hollerith.platform.control.RoutingDataSource",
        url = "${MPCONFIG=hollerith.db.url}",
        user = "${MPCONFIG=hollerith.db.user}",
        password = "${MPCONFIG=hollerith.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        maxIdleTime = 300,
        properties = {
                // JDBC 4 isValid(): a real round trip on PostgreSQL. "meta-data" validation never
                // touches the network, so after an outage the pool handed out dead connections.
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                // ...but at most once per connection and period: a round trip per borrow cost more than
                // the webhook's own statements. A connection that died within the period fails its
                // statement (503, the client retries) and fail-all-connections then empties the pool.
                "fish.payara.validate-atmost-once-period-in-seconds=2",
                "fish.payara.fail-all-connections=true",
                "fish.payara.max-wait-time-in-millis=5000",
                // Every connection is for the same user, so there is nothing to match: with matching on
                // (the default for an application's own datasource) each borrow compared the pool's
                // settings by copying them into maps, a tenth of the webhook writer's time (JFR).
                "fish.payara.match-connections=false"
        })
public class Database {

    public static final String JNDI_NAME = "java:app/jdbc/hollerith";
}
