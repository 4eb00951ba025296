package dev.pop3x.maildrop.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

/** The INBOX of a user who has none is created at login, also when the first delivery creates it at that moment. */
class InboxProvisioningTest {
    private static final MailboxPath INBOX = MailboxPath.inbox(Username.of("new@pop3x.local"));

    @Test
    void aMissingInboxIsCreated() throws Exception {
        List<String> calls = new ArrayList<>();
        JamesMaildropStore.provisionInbox(mailboxManager(false, null, calls), INBOX, null);
        assertThat(calls).containsExactly("mailboxExists", "createMailbox");
    }

    @Test
    void anExistingInboxIsLeftAlone() throws Exception {
        List<String> calls = new ArrayList<>();
        JamesMaildropStore.provisionInbox(mailboxManager(true, null, calls), INBOX, null);
        assertThat(calls).containsExactly("mailboxExists");
    }

    @Test
    void anInboxADeliveryCreatedBetweenTheCheckAndTheCreationIsNoFailure() throws Exception {
        List<String> calls = new ArrayList<>();
        JamesMaildropStore.provisionInbox(mailboxManager(false, new MailboxExistsException(INBOX.asString()), calls), INBOX, null);
        assertThat(calls).containsExactly("mailboxExists", "createMailbox");
    }

    @Test
    void anyOtherFailureToCreateTheInboxIsOne() {
        MailboxException failure = new MailboxException("storage down");
        assertThatThrownBy(() -> JamesMaildropStore.provisionInbox(mailboxManager(false, failure, new ArrayList<>()), INBOX, null))
            .isSameAs(failure);
    }

    /** James's mailbox manager, as far as provisioning uses it: whether the INBOX exists, and its creation. */
    private static MailboxManager mailboxManager(boolean exists, MailboxException creationFailure, List<String> calls) {
        return (MailboxManager) Proxy.newProxyInstance(MailboxManager.class.getClassLoader(), new Class<?>[] {MailboxManager.class},
            (proxy, method, arguments) -> {
                calls.add(method.getName());
                switch (method.getName()) {
                    case "mailboxExists":
                        return Mono.just(exists);
                    case "createMailbox":
                        if (creationFailure != null) {
                            throw creationFailure;
                        }
                        return Optional.empty();
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }
}
