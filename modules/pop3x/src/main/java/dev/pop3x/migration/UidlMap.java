package dev.pop3x.migration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The unique-ids of one user's messages on the previous server, as an operator imports them:
 *
 * <pre>
 * {"messages": [
 *   {"uidl": "UID17-1700000000", "messageId": "&lt;a1@example.com&gt;", "octets": 2381},
 *   {"uidl": "000000116b0fd0e6", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
 *   {"uidl": "AAB2-3", "headerDigest": "(64 hex digits, as a pull computes them)", "octets": 1807}
 * ]}
 * </pre>
 *
 * Each unique-id appears once; entries are kept in the order given, which is how messages that cannot be told apart
 * (the same Message-ID and size) are paired.
 */
public final class UidlMap {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<UidlMapEntry> entries;

    public UidlMap(List<UidlMapEntry> entries) {
        Set<String> seen = new HashSet<>();
        for (UidlMapEntry entry : entries) {
            if (!seen.add(entry.uidl())) {
                throw new IllegalArgumentException("unique-id '" + entry.uidl() + "' is given twice");
            }
        }
        this.entries = List.copyOf(entries);
    }

    /** Reads the JSON form; an error names the entry and what is wrong with it. */
    public static UidlMap parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        return of(root);
    }

    /** Reads the JSON form, already parsed: an object with a {@code messages} array. */
    public static UidlMap of(JsonNode root) {
        JsonNode messages = root == null ? null : root.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new IllegalArgumentException("expected {\"messages\": [...]}");
        }
        List<UidlMapEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            try {
                entries.add(entry(messages.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("messages[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new UidlMap(entries);
    }

    private static UidlMapEntry entry(JsonNode node) {
        if (!node.isObject() || !node.path("uidl").isTextual()) {
            throw new IllegalArgumentException("expected an object with a \"uidl\" string");
        }
        String uidl = node.get("uidl").asText();
        JsonNode sha256 = node.get("sha256");
        JsonNode messageId = node.get("messageId");
        JsonNode octets = node.get("octets");
        JsonNode headerDigest = node.get("headerDigest");
        if (headerDigest != null && sha256 == null && messageId == null && octets != null) {
            if (!headerDigest.isTextual() || !octets.canConvertToLong() || !octets.isIntegralNumber()) {
                throw new IllegalArgumentException("\"headerDigest\" must be a string and \"octets\" a whole number");
            }
            return UidlMapEntry.byHeaders(uidl, headerDigest.asText(), octets.asLong());
        }
        if (headerDigest != null) {
            throw new IllegalArgumentException("give \"headerDigest\" with \"octets\" alone, for unique-id '" + uidl + "'");
        }
        if (sha256 != null && messageId == null && octets == null) {
            if (!sha256.isTextual()) {
                throw new IllegalArgumentException("\"sha256\" must be a string");
            }
            return UidlMapEntry.byDigest(uidl, sha256.asText());
        }
        if (sha256 == null && messageId != null && octets != null) {
            if (!messageId.isTextual() || !octets.canConvertToLong() || !octets.isIntegralNumber()) {
                throw new IllegalArgumentException("\"messageId\" must be a string and \"octets\" a whole number");
            }
            return UidlMapEntry.byMessageId(uidl, messageId.asText(), octets.asLong());
        }
        throw new IllegalArgumentException("give either \"sha256\", or \"messageId\" with \"octets\", or \"headerDigest\" with \"octets\", for unique-id '"
            + uidl + "'");
    }

    public List<UidlMapEntry> entries() {
        return entries;
    }

    boolean needsDigests() {
        return entries.stream().anyMatch(entry -> entry.sha256().isPresent());
    }

    boolean needsHeaderDigests() {
        return entries.stream().anyMatch(entry -> entry.headerDigest().isPresent());
    }

    boolean needsMessageIds() {
        return entries.stream().anyMatch(entry -> entry.messageId().isPresent());
    }
}
