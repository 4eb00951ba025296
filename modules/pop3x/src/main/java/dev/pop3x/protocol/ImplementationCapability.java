package dev.pop3x.protocol;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

import dev.pop3x.BuildInfo;

/** The RFC 2449 {@code IMPLEMENTATION pop3x-<version>} line of CAPA, when the settings let it be shown. */
public final class ImplementationCapability implements CapaCapability, ProtocolHandler {
    private final Set<String> line;
    private final CapaSettings settings;

    @Inject
    public ImplementationCapability(BuildInfo buildInfo, CapaSettings settings) {
        this.line = Set.of("IMPLEMENTATION " + buildInfo.implementation());
        this.settings = settings;
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        switch (settings.implementation()) {
            case ALWAYS:
                return line;
            case AFTER_LOGIN:
                return Pop3xSession.of(james).loggedIn() ? line : Set.of();
            case NEVER:
                return Set.of();
            default:
                throw new IllegalStateException("Unhandled " + settings.implementation());
        }
    }
}
