package dev.pop3x.bench;

import java.util.Random;

/** Realistic RFC 5322 messages with CRLF line ends, of a given size, for the benchmarks. */
final class Corpus {
    private static final String[] WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at which "
        + "but have an they you were her she there been one all we their has would when if so no what up can more out about "
        + "report budget project agenda meeting review deadline retrieve server mailbox quarterly figures attached please").split(" ");

    private Corpus() {
    }

    static String message(Random random, int index, int approximateSize) {
        StringBuilder message = new StringBuilder(approximateSize + 1024);
        message.append("Return-Path: <sender").append(index % 97).append("@example.net>\r\n")
            .append("Received: from mx1.example.net (mx.example.net [192.0.2.24])\r\n\tby mail.pop3x.local with ESMTPS id ")
            .append(Integer.toHexString(index)).append("\r\n\tfor <w1@pop3x.local>; Tue, 14 Nov 2023 22:14:04 +0000\r\n")
            .append("Message-ID: <").append(index).append(".bench@example.net>\r\n")
            .append("Date: Tue, 14 Nov 2023 22:14:04 +0000\r\n")
            .append("From: \"Sender ").append(index % 97).append("\" <sender").append(index % 97).append("@example.net>\r\n")
            .append("To: <w1@pop3x.local>\r\n")
            .append("Subject: [").append(index).append("] ").append(words(random, 6)).append("\r\n")
            .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii; format=flowed\r\n")
            .append("Content-Transfer-Encoding: 7bit\r\n\r\n");
        while (message.length() < approximateSize) {
            String line = words(random, 12);
            message.append(random.nextInt(40) == 0 ? "." + line : line).append("\r\n");
        }
        return message.toString();
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
