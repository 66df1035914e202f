package dev.hollerith.console.boundary;

import dev.hollerith.platform.boundary.Data;
import dev.hollerith.punchcard.control.PunchMessages;
import dev.hollerith.punchcard.entity.PunchMessage;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.security.control.Caller;
import dev.hollerith.tenancy.control.ApiKeys;
import dev.hollerith.tenancy.control.Organizations;
import dev.hollerith.tenancy.control.Users;
import dev.hollerith.tenancy.entity.ApiKey;
import dev.hollerith.tenancy.entity.Organization;
import dev.hollerith.tenancy.entity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * What the console shows about the person at the keyboard and what it keeps showing while the
 * punch-card message API is stopped: stopping that API turns away its clients, not the operators
 * who need the queue and history to decide when to start it again.
 */
@Path("dashboard/console")
@Produces(MediaType.APPLICATION_JSON)
public class OperatorResource {

    /** Who is signed in: the email for a person, the key's name for an API key. */
    public record Operator(String id, String role, String email, String keyName, String organizationId, String organizationName) {
    }

    public record QueuedMessage(long id, String text, String source, String status, Instant createdAt, Instant displayedAt,
                                int displayCount) {
        static QueuedMessage of(PunchMessage m) {
            return new QueuedMessage(m.id(), m.text(), m.source(), m.status().apiName(), m.createdAt(), m.displayedAt(), m.displayCount());
        }
    }

    @Inject
    CurrentCaller caller;

    @Inject
    Users users;

    @Inject
    Organizations organizations;

    @Inject
    PunchMessages messages;

    @Inject
    ApiKeys apiKeys;

    @GET
    @Path("operator")
    @RolesAllowed({"admin", "member", "player", "punchcard"})
    public Data<Operator> operator() {
        Caller who = caller.get();
        String email = who.keyId() == null ? users.find(who.id()).map(User::email).orElse(null) : null;
        String keyName = apiKeys.find(who.keyId()).map(ApiKey::name).orElse(null);
        String organizationName = organizations.find(who.organizationId()).map(Organization::name).orElse(null);
        return Data.of(new Operator(who.id(), who.role().roleName(), email, keyName, who.organizationId(), organizationName));
    }

    /** The newest 50 messages whatever the message API's state (queued ones included). */
    @GET
    @Path("punchcard-messages")
    @RolesAllowed({"admin", "member"})
    public Data<List<QueuedMessage>> punchcardMessages() {
        return Data.of(messages.newest(null, 50, caller.get()).stream().map(QueuedMessage::of).toList());
    }
}
