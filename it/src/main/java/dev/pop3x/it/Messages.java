package dev.pop3x.it;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** RFC 5322 messages for tests and the demo, with CRLF line ends. */
public final class Messages {
    private static final DateTimeFormatter RFC_5322_DATE =
        DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private Messages() {
    }

    public static String text(String from, String to, String subject, String body) {
        String date = RFC_5322_DATE.format(ZonedDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneOffset.UTC));
        String headers = "From: " + from + "\r\n"
            + "To: " + to + "\r\n"
            + "Subject: " + subject + "\r\n"
            + "Date: " + date + "\r\n"
            + "Message-ID: <" + Integer.toHexString(subject.hashCode()) + "." + Integer.toHexString(body.hashCode()) + "@pop3x.local>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n";
        return headers + body.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
