package dev.pop3x.protocol;

import java.util.List;

import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * A command whose reply may be delayed by the brake needs its chain's dispatcher to play the commands that wait
 * behind it; James's chain hands it over at wiring time.
 */
abstract class DispatcherAware extends Pop3xCommand implements ExtensibleHandler {
    private LineHandler<POP3Session> dispatcher;

    DispatcherAware(Texts texts, Phase phase, String... keywords) {
        super(texts, phase, keywords);
    }

    LineHandler<POP3Session> dispatcher() {
        if (dispatcher == null) {
            throw new IllegalStateException("No Pop3xDispatcher in the handler chain");
        }
        return dispatcher;
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(Pop3xDispatcher.class);
    }

    @Override
    public void wireExtensions(Class<?> interfaceName, List<?> extensions) {
        if (interfaceName.equals(Pop3xDispatcher.class) && !extensions.isEmpty()) {
            dispatcher = (Pop3xDispatcher) extensions.get(0);
        }
    }
}
