package dev.pop3x.protocol;

import org.apache.james.protocols.netty.ProtocolMDCContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No reverse DNS lookup per connection. James 3.8.1 puts each client's host name in the logging context (MDC
 * {@code host}) of every new connection, looked up on the event loop that also serves the other connections: with
 * a slow resolver, 300 connections from addresses without a PTR record stall every POP3 I/O thread (greetings took
 * 10 s and legitimate logins failed). James turns it off with the system property
 * {@value #PROPERTY}{@code =false} (its {@code conf/jvm.properties}); pop3x makes that the default before James
 * serves a connection, and leaves an operator's explicit choice alone. Log lines carry the client's address
 * (MDC {@code ip}) either way.
 */
public final class HostNameLookups {
    static final String PROPERTY = "james.protocols.mdc.hostname";
    private static final Logger LOGGER = LoggerFactory.getLogger(HostNameLookups.class);

    private HostNameLookups() {
    }

    /** Called once, when James loads pop3x's Guice module, before its servers accept connections. */
    public static void offUnlessConfigured() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "false");
        }
        if (ProtocolMDCContextFactory.ADD_HOST_TO_MDC) {
            LOGGER.warn("James looks up the host name of every client on its I/O threads ({}=true): a slow DNS resolver "
                + "stalls every connection of the server. Set {}=false in conf/jvm.properties.", PROPERTY, PROPERTY);
        } else {
            LOGGER.info("No reverse DNS lookup per connection ({}=false); logs carry client addresses", PROPERTY);
        }
    }
}
