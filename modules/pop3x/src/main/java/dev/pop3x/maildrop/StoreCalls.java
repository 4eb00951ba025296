package dev.pop3x.maildrop;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;

/**
 * The calls pop3x makes to where maildrops are kept, counted by kind as metrics named {@code pop3x-store-<kind>}:
 * on Cassandra or PostgreSQL each is a round trip, on a Maildir a file-system call, so what a POP3 session costs the
 * storage is their count more than its milliseconds on one machine. {@code ./bench} prints them per polling session
 * and per phase (docs/development.md).
 */
public final class StoreCalls {
    /** What a call does. */
    public enum Kind {
        /** James: the INBOX, its metadata, a listing or a message read */
        MAILBOX_READ,
        /** James: flags set, messages expunged, an INBOX created */
        MAILBOX_WRITE,
        ANNOTATION_READ,
        ANNOTATION_WRITE,
        BLOB_READ,
        BLOB_WRITE,
        /** a user's quota read (James's quota manager, or a Maildir's maildirsize) */
        QUOTA_READ,
        /** Maildir: a directory listed, or its times looked at */
        DIRECTORY_READ,
        /** Maildir: a file read (a message, the retrieval ledger, a UIDL file) */
        FILE_READ,
        /** Maildir: a file written, renamed or deleted */
        FILE_WRITE;

        /** The metric's name: {@code pop3x-store-mailbox-reads}... */
        public String metricName() {
            String[] words = name().toLowerCase(Locale.ROOT).split("_");
            return "pop3x-store-" + words[0] + "-" + words[1] + "s";
        }
    }

    private final Map<Kind, Metric> metrics = new EnumMap<>(Kind.class);

    @Inject
    public StoreCalls(MetricFactory metricFactory) {
        for (Kind kind : Kind.values()) {
            metrics.put(kind, metricFactory.generate(kind.metricName()));
        }
    }

    private StoreCalls() {
    }

    /** Counts nothing: for calls that are not a session's, such as a delivery's. */
    public static StoreCalls uncounted() {
        return new StoreCalls();
    }

    public void count(Kind kind) {
        Metric metric = metrics.get(kind);
        if (metric != null) {
            metric.increment();
        }
    }
}
