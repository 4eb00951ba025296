package dev.pop3x.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

import javax.mail.Flags;

import org.apache.commons.net.pop3.POP3Client;
import org.apache.james.GuiceJamesServer;
import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.modules.MailboxProbeImpl;
import org.apache.james.modules.QuotaProbesImpl;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.WebAdminGuiceProbe;

/**
 * A started James server seen from a test or the demo: its ports, and what an administrator does to it
 * (domains, users, quotas), done through James's own Guice probes.
 */
public final class RunningJames {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final GuiceJamesServer server;

    public RunningJames(GuiceJamesServer server) {
        this.server = server;
    }

    public GuiceJamesServer server() {
        return server;
    }

    /** The James home the server was started from. */
    public Path workingDirectory() {
        return server.getProbe(JamesHomeProbe.class).workingDirectory();
    }

    /** The POP3 listener with STLS of conf/ (the first); needs {@link Pop3ListenersProbe#MODULE} in the server. */
    public int pop3Port() {
        return server.getProbe(Pop3ListenersProbe.class).ports().get(0);
    }

    /** The POP3-over-TLS listener of conf/ (the second); needs {@link Pop3ListenersProbe#MODULE} in the server. */
    public int pop3sPort() {
        return server.getProbe(Pop3ListenersProbe.class).ports().get(1);
    }

    public int smtpPort() {
        return server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
    }

    public int webAdminPort() {
        return server.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
    }

    public Pop3LineClient pop3() {
        return Pop3LineClient.connect(pop3Port());
    }

    /** Apache Commons Net's POP3 client, connected to 127.0.0.1 (the greeting read), not logged in. */
    public POP3Client pop3Client() {
        POP3Client client = new POP3Client();
        client.setDefaultTimeout(30_000);
        try {
            client.connect("127.0.0.1", pop3Port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return client;
    }

    public SmtpDelivery smtp() {
        return new SmtpDelivery(smtpPort());
    }

    /** Adds the domain if James does not serve it yet, then the user. */
    public RunningJames addUser(String user, String password) {
        try {
            DataProbeImpl data = server.getProbe(DataProbeImpl.class);
            String domain = Username.of(user).getDomainPart()
                .orElseThrow(() -> new IllegalArgumentException("No domain in " + user))
                .asString();
            if (!data.containsDomain(domain)) {
                data.addDomain(domain);
            }
            data.addUser(user, password);
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot add user " + user, e);
        }
    }

    /** Adds the user unless James already has it. */
    public RunningJames addUserOnce(String user, String password) {
        try {
            if (Arrays.asList(server.getProbe(DataProbeImpl.class).listUsers()).contains(user)) {
                return this;
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot list users", e);
        }
        return addUser(user, password);
    }

    public RunningJames setQuota(String user, long maxOctets, long maxMessages) {
        try {
            QuotaProbesImpl quotas = server.getProbe(QuotaProbesImpl.class);
            QuotaRoot root = quotaRoot(user);
            quotas.setMaxStorage(root, QuotaSizeLimit.size(maxOctets));
            quotas.setMaxMessageCount(root, QuotaCountLimit.count(maxMessages));
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot set the quota of " + user, e);
        }
    }

    /** How many messages the user's mailboxes hold, as James's quota accounting counts them. */
    public long messageCount(String user) {
        try {
            return server.getProbe(QuotaProbesImpl.class).getMessageCountQuota(quotaRoot(user)).getUsed().asLong();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot count the messages of " + user, e);
        }
    }

    /** Delivers over SMTP and waits until the message is in the user's maildrop. */
    public void deliver(String to, String message) {
        long before = messageCount(to);
        smtp().deliver("sender@pop3x-tests.local", to, message);
        awaitMessageCount(to, before + 1);
    }

    /**
     * Stores a message in the user's INBOX directly, byte for byte, without SMTP (which adds trace headers and
     * normalises line ends): for tests that need the same bytes on two servers, or bytes SMTP would change.
     */
    public void appendToInbox(String user, String message, Instant internalDate) {
        MailboxProbeImpl mailboxes = server.getProbe(MailboxProbeImpl.class);
        MailboxPath inbox = MailboxPath.inbox(Username.of(user));
        if (!mailboxes.listUserMailboxes(user).contains(inbox.getName())) {
            mailboxes.createMailbox(inbox);
        }
        try {
            mailboxes.appendMessage(user, inbox, new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)),
                Date.from(internalDate), false, new Flags());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot append a message to the INBOX of " + user, e);
        }
    }

    public void awaitMessageCount(String user, long expected) {
        Eventually.until(DELIVERY_TIMEOUT, expected + " messages in the INBOX of " + user, () -> messageCount(user) >= expected);
    }

    private QuotaRoot quotaRoot(String user) throws Exception {
        return server.getProbe(QuotaProbesImpl.class).getQuotaRoot(MailboxPath.inbox(Username.of(user)));
    }
}
