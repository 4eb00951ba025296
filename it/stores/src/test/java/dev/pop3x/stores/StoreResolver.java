package dev.pop3x.stores;

import java.util.function.Function;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class's constructor the store it runs on, built once per run (the stores' servers are shared by the
 * run: one Cassandra, one PostgreSQL) and closed when the run ends.
 */
abstract class StoreResolver implements ParameterResolver {
    private final Class<? extends JamesStore> kind;
    private final Function<ExtensionContext, JamesStore> factory;

    StoreResolver(Class<? extends JamesStore> kind, Function<ExtensionContext, JamesStore> factory) {
        this.kind = kind;
        this.factory = factory;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType().isAssignableFrom(kind);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(kind, key -> new Closing(factory.apply(context)), Closing.class).store;
    }

    /** The store, closed with the run. */
    private static final class Closing implements ExtensionContext.Store.CloseableResource {
        private final JamesStore store;

        Closing(JamesStore store) {
            this.store = store;
        }

        @Override
        public void close() throws Exception {
            store.close();
        }
    }

    static final class Memory extends StoreResolver {
        Memory() {
            super(MemoryJamesStore.class, context -> new MemoryJamesStore());
        }
    }

    static final class Cassandra extends StoreResolver {
        Cassandra() {
            super(CassandraJamesStore.class, context -> new CassandraJamesStore(CassandraServer.of(context)));
        }
    }

    static final class Postgres extends StoreResolver {
        Postgres() {
            super(PostgresJamesStore.class, context -> new PostgresJamesStore(PostgresServer.of(context)));
        }
    }
}
