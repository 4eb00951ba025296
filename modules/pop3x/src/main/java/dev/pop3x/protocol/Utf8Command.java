package dev.pop3x.protocol;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

/**
 * UTF8 (RFC 6856): turns UTF-8 mode on, before login. User names and passwords are read as UTF-8 whether or not
 * the client sent UTF8 (the RFC lets clients send them first), hence {@code UTF8 USER} in CAPA.
 */
public final class Utf8Command extends Pop3xCommand implements CapaCapability {
    @Inject
    public Utf8Command(Replies replies) {
        super(replies, Phase.AUTHORIZATION, ArgumentShape.NONE, "UTF8");
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        session.enableUtf8();
        return Reply.ok(Text.UTF8_ENABLED);
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        return Set.of("UTF8 USER");
    }
}
