package dev.hollerith.platform.control;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an invalidation now and once more after the surrounding transaction commits: a request that
 * read the old row between the two would otherwise put the old answer back into a cache.
 */
public final class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());

    private AfterCommit() {
    }

    public static void nowAndAfterCommit(TransactionSynchronizationRegistry transactions, Runnable invalidation) {
        invalidation.run();
        if (transactions == null || transactions.getTransactionKey() == null) {
            return;
        }
        try {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        invalidation.run();
                    }
                }
            });
        } catch (IllegalStateException completing) {
            // called while the transaction is already completing (a flush at commit): the first run has to do
            LOG.log(Level.FINE, "invalidation not repeated after commit", completing);
        }
    }
}
