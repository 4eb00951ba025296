package dev.pop3x.devices;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import dev.pop3x.devices.DeviceSettings.DeleAction;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;

/**
 * {@code dele.action}: what the UPDATE state does to a message the session's DELEs (every device's, with devices)
 * removed: expunge it, or hide it from POP3 and keep it for IMAP and JMAP ({@code hide}), in the note
 * {@link DeviceNotes#HIDDEN} of the maildrop, changed under the user's notes lock.
 */
final class HiddenMessages {
    private final Maildrop maildrop;
    private final DeleAction action;
    /** As the session's login read them. */
    private final Set<String> atLogin;

    private HiddenMessages(Maildrop maildrop, DeleAction action, Set<String> atLogin) {
        this.maildrop = maildrop;
        this.action = action;
        this.atLogin = atLogin;
    }

    /** The messages hidden from POP3 as the maildrop was opened. */
    static HiddenMessages of(Maildrop maildrop, DeleAction action) throws MaildropException {
        return new HiddenMessages(maildrop, action, Set.copyOf(maildrop.notes().read(DeviceNotes.HIDDEN).orElse(Set.of())));
    }

    /** Whether no message was hidden at login: the session lists the maildrop as it is. */
    boolean none() {
        return atLogin.isEmpty();
    }

    boolean hides(MaildropMessage message) {
        return atLogin.contains(message.uniqueId());
    }

    /** Whether removing a message changes nothing the user's other sessions share (it is expunged). */
    boolean expunges() {
        return action == DeleAction.EXPUNGE;
    }

    /** Expunges the messages, or hides them from POP3. */
    void remove(Collection<MaildropMessage> messages) throws MaildropException {
        if (expunges()) {
            maildrop.expunge(messages);
            return;
        }
        Set<String> present = maildrop.messages().stream().map(MaildropMessage::uniqueId).collect(Collectors.toSet());
        maildrop.notes().update(DeviceNotes.HIDDEN, current -> {
            // as it is now: another device's session may have hidden messages since this one logged in
            Set<String> all = new LinkedHashSet<>(current.orElse(Set.of()));
            messages.forEach(message -> all.add(message.uniqueId()));
            // forget the messages gone: hidden when this session logged in, yet not in its listing; a message missing
            // from the listing but hidden since may be one that arrived after it, hidden by a newer session: it stays
            all.removeIf(uniqueId -> atLogin.contains(uniqueId) && !present.contains(uniqueId));
            return all;
        });
    }
}
