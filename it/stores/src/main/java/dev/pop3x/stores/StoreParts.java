package dev.pop3x.stores;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;

/** What one of James's stores is built into, whichever it is: what {@link JamesStore} hands the james backend. */
public final class StoreParts {
    private final MailboxManager mailboxManager;
    private final QuotaManager quotaManager;
    private final MaxQuotaManager maxQuotaManager;
    private final UserQuotaRootResolver quotaRoots;
    private final BlobStore blobStore;
    private final BlobId.Factory blobIds;

    public StoreParts(MailboxManager mailboxManager, QuotaManager quotaManager, MaxQuotaManager maxQuotaManager, UserQuotaRootResolver quotaRoots,
                      BlobStore blobStore, BlobId.Factory blobIds) {
        this.mailboxManager = mailboxManager;
        this.quotaManager = quotaManager;
        this.maxQuotaManager = maxQuotaManager;
        this.quotaRoots = quotaRoots;
        this.blobStore = blobStore;
        this.blobIds = blobIds;
    }

    MailboxManager mailboxManager() {
        return mailboxManager;
    }

    QuotaManager quotaManager() {
        return quotaManager;
    }

    MaxQuotaManager maxQuotaManager() {
        return maxQuotaManager;
    }

    UserQuotaRootResolver quotaRoots() {
        return quotaRoots;
    }

    BlobStore blobStore() {
        return blobStore;
    }

    BlobId.Factory blobIds() {
        return blobIds;
    }
}
