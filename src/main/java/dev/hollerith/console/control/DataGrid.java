package dev.hollerith.console.control;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The members of Payara's data grid as this instance sees them. Payara publishes its Hazelcast
 * instance at {@code payara/Hazelcast}; on a server started without it the console says
 * "standalone" rather than failing.
 */
public final class DataGrid {

    static final String JNDI_NAME = "payara/Hazelcast";

    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());

    public record GridMember(String address, String uuid, boolean local) {
    }

    public record View(String mode, String instance, List<GridMember> members) {
        static View standalone(String instance) {
            return new View("standalone", instance, List.of());
        }
    }

    private DataGrid() {
    }

    public static View current(String fallbackInstanceName) {
        return lookup().map(grid -> view(grid, fallbackInstanceName)).orElseGet(() -> View.standalone(fallbackInstanceName));
    }

    private static View view(HazelcastInstance grid, String fallbackInstanceName) {
        try {
            Member self = grid.getCluster().getLocalMember();
            List<GridMember> members = grid.getCluster().getMembers().stream()
                    .map(member -> new GridMember(member.getAddress().toString(), member.getUuid().toString(), member.localMember()))
                    .sorted(Comparator.comparing(GridMember::address))
                    .toList();
            return new View("cluster", self.getAddress() + " (" + fallbackInstanceName + ")", members);
        } catch (RuntimeException notRunning) {
            LOG.log(Level.FINE, "Data grid not available", notRunning);
            return View.standalone(fallbackInstanceName);
        }
    }

    private static Optional<HazelcastInstance> lookup() {
        try {
            return new InitialContext().lookup(JNDI_NAME) instanceof HazelcastInstance grid && grid.getLifecycleService().isRunning()
                    ? Optional.of(grid) : Optional.empty();
        } catch (NamingException | RuntimeException | LinkageError absent) {
            LOG.log(Level.FINE, "No Hazelcast instance at " + JNDI_NAME, absent);
            return Optional.empty();
        }
    }
}
