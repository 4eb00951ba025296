package dev.pop3x.protocol;

import java.util.List;

import org.apache.james.protocols.api.handler.CommandHandlerResultLogger;
import org.apache.james.protocols.lib.handler.HandlersPackage;

/**
 * The POP3 handler chain with pop3x, named by {@code pop3server.xml}:
 * {@code <handlerchain coreHandlersPackage="dev.pop3x.protocol.Pop3xHandlers"/>}. It replaces James's
 * {@code CoreCmdHandlerLoader}: every RFC 1939, 2449, 2595, 5034 and 6856 command is pop3x's.
 *
 * <p>Order matters: CAPA lists capabilities in this order, and the greeting must come first, since it starts
 * pop3x's state of the session.
 */
public final class Pop3xHandlers implements HandlersPackage {
    private static final List<String> HANDLERS = List.of(
        SessionStart.class.getName(),
        Pop3xDispatcher.class.getName(),
        TopCommand.class.getName(),
        UidlCommand.class.getName(),
        CapaCommand.class.getName(),
        UserCommand.class.getName(),
        PassCommand.class.getName(),
        AuthCommand.class.getName(),
        StlsCommand.class.getName(),
        ExpireCapability.class.getName(),
        LoginDelayCapability.class.getName(),
        Utf8Command.class.getName(),
        LangCommand.class.getName(),
        ImplementationCapability.class.getName(),
        StatCommand.class.getName(),
        ListCommand.class.getName(),
        RetrCommand.class.getName(),
        DeleCommand.class.getName(),
        RsetCommand.class.getName(),
        NoopCommand.class.getName(),
        QuitCommand.class.getName(),
        UnknownCommand.class.getName(),
        SessionEnd.class.getName(),
        CommandHandlerResultLogger.class.getName());

    @Override
    public List<String> getHandlers() {
        return HANDLERS;
    }
}
