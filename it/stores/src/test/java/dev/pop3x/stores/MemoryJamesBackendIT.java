package dev.pop3x.stores;

import org.junit.jupiter.api.extension.ExtendWith;

/** The james backend on James's memory mailboxes, as the memory app stores mail. */
@ExtendWith(StoreResolver.Memory.class)
class MemoryJamesBackendIT extends JamesBackendContract {
    MemoryJamesBackendIT(MemoryJamesStore store) {
        super(store);
    }
}
