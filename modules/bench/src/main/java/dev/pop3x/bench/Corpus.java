package dev.pop3x.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Realistic RFC 5322 messages for the benchmarks: trace and address headers, a subject, a text body of words
 * in lines of about 70 characters with CRLF ends, and now and then a line starting with "." (which POP3 must
 * byte-stuff). The same seed gives the same bytes, so every server is measured on the same mail.
 */
final class Corpus {
    private static final String[] WORDS = ("the of and to in is you that it he was for on are as with his they at be this have from or "
        + "one had by word but not what all were we when your can said there use an each which she do how their if will up other "
        + "about out many then them these so some her would make like him into time has look two more write go see number no way "
        + "could people my than first water been call who oil its now find long down day did get come made may part invoice meeting "
        + "report quarterly budget schedule delivery attached please regards thanks").split(" ");

    private Corpus() {
    }

    static byte[] message(long seed, String recipient, int approximateSize) {
        Random random = new Random(seed);
        StringBuilder message = new StringBuilder(approximateSize + 1024);
        int sender = random.nextInt(97);
        message.append("Return-Path: <sender").append(sender).append("@example.net>\r\n")
            .append("Received: from mx1.example.net (mx1.example.net [192.0.2.24])\r\n\tby mail.pop3x.local with ESMTPS id ")
            .append(Long.toHexString(seed)).append("\r\n\tfor <").append(recipient).append(">; Tue, 14 Nov 2023 22:14:04 +0000\r\n")
            .append("Message-ID: <").append(Long.toHexString(seed)).append('.').append(sender).append("@example.net>\r\n")
            .append("Date: Tue, 14 Nov 2023 22:14:04 +0000\r\n")
            .append("From: \"Sender ").append(sender).append("\" <sender").append(sender).append("@example.net>\r\n")
            .append("To: <").append(recipient).append(">\r\n")
            .append("Subject: ").append(words(random, 6)).append("\r\n")
            .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii; format=flowed\r\n")
            .append("Content-Transfer-Encoding: 7bit\r\n\r\n");
        while (message.length() < approximateSize) {
            String line = words(random, 12);
            message.append(random.nextInt(40) == 0 ? "." + line : line).append("\r\n");
        }
        return message.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String words(Random random, int count) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                words.append(' ');
            }
            words.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return words.toString();
    }
}
