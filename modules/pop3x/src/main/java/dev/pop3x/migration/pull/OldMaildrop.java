package dev.pop3x.migration.pull;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.pop3x.migration.HeaderDigest;

/** Reads a user's maildrop on the previous server: UIDL, LIST, and {@code TOP n 0} of each message. */
final class OldMaildrop {
    private OldMaildrop() {
    }

    static List<OldMessage> read(OldServer server, Credentials credentials) throws PullFailure {
        try (Pop3Client client = Pop3Client.connect(server)) {
            client.login(credentials);
            Map<Integer, Long> sizes = new HashMap<>();
            for (String line : client.multiline("LIST")) {
                String[] fields = line.trim().split(" +");
                sizes.put(number(fields, line, "LIST"), size(fields, line));
            }
            List<OldMessage> messages = new ArrayList<>();
            for (String line : client.multiline("UIDL")) {
                String[] fields = line.trim().split(" +");
                int number = number(fields, line, "UIDL");
                Long octets = sizes.get(number);
                if (octets == null) {
                    throw new PullFailure("the old server's UIDL lists message " + number + ", which its LIST does not");
                }
                try (InputStream headers = client.headers(number)) {
                    messages.add(new OldMessage(number, fields[1], octets, HeaderDigest.of(headers)));
                } catch (IOException e) {
                    throw new PullFailure("reading the headers of message " + number + " failed", e);
                }
            }
            client.quit();
            return messages;
        }
    }

    private static int number(String[] fields, String line, String command) throws PullFailure {
        try {
            if (fields.length != 2) {
                throw new NumberFormatException();
            }
            return Integer.parseInt(fields[0]);
        } catch (NumberFormatException e) {
            throw new PullFailure("the old server's " + command + " sent " + Pop3Client.quoted(line) + ", not '<number> <value>'");
        }
    }

    private static long size(String[] fields, String line) throws PullFailure {
        try {
            return Long.parseLong(fields[1]);
        } catch (NumberFormatException e) {
            throw new PullFailure("the old server's LIST sent " + Pop3Client.quoted(line) + ", not '<number> <size>'");
        }
    }
}
