package dev.pop3x.protocol;

import java.util.List;

import org.apache.james.pop3server.core.PassCmdHandler;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandlerResultLogger;
import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.pop3.core.CapaCmdHandler;
import org.apache.james.protocols.pop3.core.DeleCmdHandler;
import org.apache.james.protocols.pop3.core.ListCmdHandler;
import org.apache.james.protocols.pop3.core.NoopCmdHandler;
import org.apache.james.protocols.pop3.core.QuitCmdHandler;
import org.apache.james.protocols.pop3.core.RetrCmdHandler;
import org.apache.james.protocols.pop3.core.RsetCmdHandler;
import org.apache.james.protocols.pop3.core.StatCmdHandler;
import org.apache.james.protocols.pop3.core.StlsCmdHandler;
import org.apache.james.protocols.pop3.core.TopCmdHandler;
import org.apache.james.protocols.pop3.core.UidlCmdHandler;
import org.apache.james.protocols.pop3.core.UserCmdHandler;

/**
 * The POP3 handler chain with pop3x, named by {@code pop3server.xml}:
 * {@code <handlerchain coreHandlersPackage="dev.pop3x.protocol.Pop3xHandlers"/>}. It replaces James's
 * {@code CoreCmdHandlerLoader}: the same core handlers, in the same order, plus ours, with ours in place of
 * James's greeting ({@link Greeting}) and unknown-command reply ({@link UnknownCommand}).
 *
 * <p>Order matters twice. The dispatcher asks the handlers of a command in this order and takes the first
 * non-null reply, so a handler that checks a request comes before the one that serves it. CAPA lists the
 * capabilities in this order.
 */
public final class Pop3xHandlers implements HandlersPackage {
    private static final List<String> HANDLERS = List.of(
        Greeting.class.getName(),
        CommandDispatcher.class.getName(),
        CapaCmdHandler.class.getName(),
        ImplementationCapability.class.getName(),
        TransactionCommandGuard.class.getName(),
        UserCmdHandler.class.getName(),
        PassCmdHandler.class.getName(),
        ListCmdHandler.class.getName(),
        UidlCmdHandler.class.getName(),
        RsetCmdHandler.class.getName(),
        DeleCmdHandler.class.getName(),
        NoopCmdHandler.class.getName(),
        RetrCmdHandler.class.getName(),
        TopCmdHandler.class.getName(),
        StatCmdHandler.class.getName(),
        QuitCmdHandler.class.getName(),
        UnknownCommand.class.getName(),
        StlsCmdHandler.class.getName(),
        CommandHandlerResultLogger.class.getName());

    @Override
    public List<String> getHandlers() {
        return HANDLERS;
    }
}
