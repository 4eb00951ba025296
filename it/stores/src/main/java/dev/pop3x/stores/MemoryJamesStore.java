package dev.pop3x.stores;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.blob.api.HashBlobId;
import org.apache.james.blob.memory.MemoryBlobStoreFactory;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.inmemory.manager.InMemoryIntegrationResources;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;

/** James's memory mailboxes (the memory app's), as James's own test resources build them, with a memory blob store. */
public final class MemoryJamesStore implements JamesStore {
    private final InMemoryIntegrationResources resources = InMemoryIntegrationResources.defaultResources();
    private final BlobId.Factory blobIds = new HashBlobId.Factory();
    private final BlobStore blobStore = MemoryBlobStoreFactory.builder().blobIdFactory(blobIds).defaultBucketName().passthrough();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public MailboxManager mailboxManager() {
        return resources.getMailboxManager();
    }

    @Override
    public QuotaManager quotaManager() {
        return resources.getQuotaManager();
    }

    @Override
    public MaxQuotaManager maxQuotaManager() {
        return resources.getMaxQuotaManager();
    }

    @Override
    public UserQuotaRootResolver quotaRoots() {
        return resources.getDefaultUserQuotaRootResolver();
    }

    @Override
    public BlobStore blobStore() {
        return blobStore;
    }

    @Override
    public BlobId.Factory blobIds() {
        return blobIds;
    }
}
