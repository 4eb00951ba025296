package dev.pop3x.stores;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.StoreMailboxManager;

/**
 * What the james backend takes from a James server, built with James's own classes on one store: its mailbox manager,
 * its quotas and the blob store its notes go to.
 */
public interface JamesStore extends AutoCloseable {
    String name();

    /** What the store was built into. */
    StoreParts parts();

    default MailboxManager mailboxManager() {
        return parts().mailboxManager();
    }

    default QuotaManager quotaManager() {
        return parts().quotaManager();
    }

    default MaxQuotaManager maxQuotaManager() {
        return parts().maxQuotaManager();
    }

    default UserQuotaRootResolver quotaRoots() {
        return parts().quotaRoots();
    }

    /** The store's mappers, which the james backend reads an INBOX's annotations with (by its id). */
    default MailboxSessionMapperFactory mappers() {
        return ((StoreMailboxManager) mailboxManager()).getMapperFactory();
    }

    default BlobStore blobStore() {
        return parts().blobStore();
    }

    default BlobId.Factory blobIds() {
        return parts().blobIds();
    }

    @Override
    default void close() {
    }
}
