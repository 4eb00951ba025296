package dev.pop3x.stores;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.blob.api.HashBlobId;
import org.apache.james.blob.memory.MemoryBlobStoreFactory;
import org.apache.james.mailbox.inmemory.manager.InMemoryIntegrationResources;

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
    public StoreParts parts() {
        return new StoreParts(resources.getMailboxManager(), resources.getQuotaManager(), resources.getMaxQuotaManager(),
            resources.getDefaultUserQuotaRootResolver(), blobStore, blobIds);
    }

    @Override
    public BlobId.Factory blobIds() {
        return blobIds;
    }
}
