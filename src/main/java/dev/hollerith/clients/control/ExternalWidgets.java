package dev.hollerith.clients.control;

import dev.hollerith.clients.entity.Client;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The "Disable External Widget" toggle of seed 001: the database first, then the widget.
 * Deliberately outside any transaction, so the flag is committed before the (up to 10 s) call
 * and nothing the widget does can roll it back or hold a lock while waiting.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExternalWidgets {

    private static final Logger LOG = Logger.getLogger(ExternalWidgets.class.getName());

    @Inject
    Clients clients;

    @Inject
    WidgetNotifier notifier;

    @Inject
    WidgetNotifications notifications;

    public record Toggled(Client client, NotificationOutcome notification) {
    }

    /** Notifies even when the flag already had this value: seed 001 asks the widget to be idempotent, not us to be silent. */
    public Toggled switchTo(String clientId, boolean disabled) {
        Clients.Switched switched = clients.switchExternalWidget(clientId, disabled);
        NotificationOutcome outcome = notifier.notify(switched.notice(), switched.client().haUrl());
        try {
            notifications.record(clientId, outcome);
        } catch (RuntimeException e) {
            // the toggle and the call both happened; a lost log line must not turn them into an error
            LOG.log(Level.WARNING, "Could not log the widget notification of client " + clientId + ": " + e.getClass().getName());
        }
        return new Toggled(switched.client(), outcome);
    }
}
