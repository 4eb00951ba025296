package dev.pop3x.policy;

import java.util.Objects;

import dev.pop3x.maildrop.MaildropMessage;

/** One message the policy removes, and why. */
public final class Expunction {
    public enum Reason {
        /** Retrieved longer ago than {@code expire.days}. */
        EXPIRED("expired"),
        /** Retrieved, and the storage quota is at or above {@code quota.high} percent. */
        STORAGE_QUOTA("storage-quota"),
        /** Retrieved, and the message-count quota is at or above {@code quota.high} percent. */
        MESSAGE_QUOTA("message-quota");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final MaildropMessage message;
    private final Reason reason;

    public Expunction(MaildropMessage message, Reason reason) {
        this.message = Objects.requireNonNull(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public MaildropMessage message() {
        return message;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expunction && ((Expunction) o).message.equals(message) && ((Expunction) o).reason == reason;
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, reason);
    }

    @Override
    public String toString() {
        return message.uniqueId() + ":" + reason.label();
    }
}
