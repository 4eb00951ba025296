package dev.pop3x.stores;

import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.pop3x.it.CassandraServer;

/**
 * Gives a test class's constructor the store it runs on, built once per run, as are the servers the stores share
 * (one Cassandra, one PostgreSQL); all are closed when the run ends.
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
        return shared(context, kind, () -> factory.apply(context));
    }

    /** The run's one instance of this kind, made at the first request and closed when the run ends. */
    static <T extends AutoCloseable> T shared(ExtensionContext context, Class<?> kind, Supplier<T> make) {
        @SuppressWarnings("unchecked")
        Closing<T> closing = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(kind, key -> new Closing<>(make.get()), Closing.class);
        return closing.value;
    }

    /** A value closed with the run. */
    private static final class Closing<T extends AutoCloseable> implements ExtensionContext.Store.CloseableResource {
        private final T value;

        Closing(T value) {
            this.value = value;
        }

        @Override
        public void close() throws Exception {
            value.close();
        }
    }

    static final class Memory extends StoreResolver {
        Memory() {
            super(MemoryJamesStore.class, context -> new MemoryJamesStore());
        }
    }

    static final class Cassandra extends StoreResolver {
        Cassandra() {
            super(CassandraJamesStore.class, context -> new CassandraJamesStore(shared(context, CassandraServer.class, CassandraServer::start)));
        }
    }

    static final class Postgres extends StoreResolver {
        Postgres() {
            super(PostgresJamesStore.class, context -> new PostgresJamesStore(shared(context, PostgresServer.class, PostgresServer::start)));
        }
    }
}
