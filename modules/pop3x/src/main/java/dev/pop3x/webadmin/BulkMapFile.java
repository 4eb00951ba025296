package dev.pop3x.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.james.core.Username;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pop3x.migration.UidlMap;

/**
 * The maps of many users in one file, read one user at a time (never the whole file in memory):
 *
 * <pre>
 * {"users": [
 *   {"user": "bob@example.com", "messages": [{"uidl": "UID1-17", "messageId": "&lt;a@example.com&gt;", "octets": 2381}]},
 *   {"user": "alice@example.com", "messages": [...]}
 * ]}
 * </pre>
 */
final class BulkMapFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BulkMapFile() {
    }

    /** What is done with each user's map. */
    interface UserMaps {
        void accept(Username user, UidlMap map) throws IOException;
    }

    /**
     * Reads every user's map in turn; an error names the user's place in the file ({@code users[3]}) and what is
     * wrong.
     *
     * @return how many users the file has
     */
    static int read(Path file, UserMaps each) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected {\"users\": [...]}");
            }
            int users = -1;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("users")) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException("\"users\" must be an array");
                }
                users = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode node = parser.readValueAsTree();
                    try {
                        Username user = user(node);
                        each.accept(user, UidlMap.of(node));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("users[" + users + "]: " + e.getMessage(), e);
                    }
                    users++;
                }
            }
            if (users < 0) {
                throw new IllegalArgumentException("expected {\"users\": [...]}");
            }
            return users;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Username user(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("user").isTextual()) {
            throw new IllegalArgumentException("expected an object with a \"user\" string and \"messages\"");
        }
        try {
            return Username.of(node.get("user").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a user name: " + node.get("user").asText(), e);
        }
    }
}
