package dev.pop3x.maildrop.james;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.Map;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxManager.MessageCapabilities;
import org.junit.jupiter.api.Test;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.config.InvalidSettingException;

class MessageIdUidlSettingTest {
    private static final JamesBackendSettings MESSAGE_ID = new JamesBackendSettings(Pop3xSettings.of(Map.of("james.uidl", "message-id")));

    @Test
    void messageIdUidlsOnMailboxesWithoutMessageIdsStopTheStartNamingTheKey() {
        MailboxManager jpaLike = mailboxManager(EnumSet.noneOf(MessageCapabilities.class));

        assertThatThrownBy(() -> new JamesMaildropStore(jpaLike, null, MESSAGE_ID, null, null))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining("'james.uidl=message-id' needs mailboxes with message ids")
            .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("james.uidl");
    }

    @Test
    void messageIdUidlsOnMailboxesWithMessageIdsAreAccepted() {
        MailboxManager memoryLike = mailboxManager(EnumSet.of(MessageCapabilities.UniqueID));

        assertThatCode(() -> new JamesMaildropStore(memoryLike, null, MESSAGE_ID, null, null)).doesNotThrowAnyException();
    }

    /** James's mailbox manager, as far as the setting's check reads it: its message capabilities. */
    private static MailboxManager mailboxManager(EnumSet<MessageCapabilities> capabilities) {
        return (MailboxManager) Proxy.newProxyInstance(MailboxManager.class.getClassLoader(), new Class<?>[] {MailboxManager.class},
            (proxy, method, arguments) -> {
                if (method.getName().equals("getSupportedMessageCapabilities")) {
                    return capabilities;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }
}
