package dev.pop3x.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

/**
 * CAPA (RFC 2449): the capabilities every handler of the chain announces for the session's state, in chain
 * order. Handlers that are not pop3x's can still add theirs by implementing {@link CapaCapability}.
 */
public final class CapaCommand extends Pop3xCommand implements ExtensibleHandler, CapaCapability {
    private static final Set<String> PROTOCOL_CAPABILITIES = Collections.unmodifiableSet(
        new LinkedHashSet<>(List.of("RESP-CODES", "AUTH-RESP-CODE", "PIPELINING")));

    private List<CapaCapability> capabilities = List.of();

    @Inject
    public CapaCommand(Replies replies) {
        super(replies, Phase.ANY, ArgumentShape.NONE, "CAPA");
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        List<String> lines = new ArrayList<>();
        for (CapaCapability capability : capabilities) {
            lines.addAll(capability.getImplementedCapabilities(session.james()));
        }
        return Reply.ok(Text.CAPABILITIES).withLines(lines);
    }

    /** RESP-CODES and AUTH-RESP-CODE: every reply that can carry an RFC 2449/3206 code does. */
    @Override
    public Set<String> getImplementedCapabilities(POP3Session session) {
        return PROTOCOL_CAPABILITIES;
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(CapaCapability.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void wireExtensions(Class<?> interfaceName, List<?> extensions) {
        if (interfaceName.equals(CapaCapability.class)) {
            capabilities = List.copyOf((List<CapaCapability>) extensions);
        }
    }
}
