package dev.hollerith.console.boundary;

import dev.hollerith.console.control.DataGrid;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.DatabaseHealthCheck;
import dev.hollerith.pull.control.PullEngineHealth;
import dev.hollerith.punchcard.control.MessageApi;
import dev.hollerith.punchcard.control.PunchCardDisplay;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The console's "System status" lights in one answer (admin): the database as {@code /health}
 * sees it, the pull engine, the punch-card API and display, and the data-grid members.
 */
@Path("dashboard/system/status")
@RolesAllowed("admin")
public class SystemStatusResource {

    public record Database(String status) {
    }

    public record Punchcard(String api, String display, String hardware) {
    }

    public record SystemStatus(Instant checkedAt, String instance, Database database, PullEngineHealth.Summary pullEngine,
                               Punchcard punchcard, DataGrid.View cluster) {
    }

    /** The check behind {@code /health}; it carries the health qualifiers only. */
    @Inject
    @Readiness
    DatabaseHealthCheck database;

    @Inject
    PullEngineHealth pullEngine;

    @Inject
    MessageApi punchcardApi;

    @Inject
    PunchCardDisplay display;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Data<SystemStatus> status() {
        boolean databaseUp = database.call().getStatus() == HealthCheckResponse.Status.UP;
        String instance = hostName();
        DataGrid.View grid = DataGrid.current(instance);
        Punchcard punchcard = new Punchcard(punchcardApi.isRunning() ? "running" : "stopped",
                display.status().state().apiName(), display.hardware());
        // Without a database the schedule cannot be read; the light says so instead of failing the whole answer.
        PullEngineHealth.Summary pull = databaseUp ? pullEngine.summary() : new PullEngineHealth.Summary("unknown", true, 0, 0, 0, null);
        return Data.of(new SystemStatus(Instant.now(), instance, new Database(databaseUp ? "UP" : "DOWN"), pull, punchcard, grid));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
