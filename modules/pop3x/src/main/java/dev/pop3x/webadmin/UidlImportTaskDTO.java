package dev.pop3x.webadmin;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.UidlMap;
import dev.pop3x.migration.UidlMapEntry;

/**
 * A {@link UidlImportTask} as James's distributed task manager carries it: the user, whether a dry run, and the whole
 * map, so that the node that runs it needs nothing from the one that took the request.
 */
public final class UidlImportTaskDTO implements TaskDTO {
    private final String type;
    private final String user;
    private final boolean dryRun;
    private final List<Entry> messages;

    public UidlImportTaskDTO(@JsonProperty("type") String type, @JsonProperty("user") String user,
                             @JsonProperty("dryRun") boolean dryRun, @JsonProperty("messages") List<Entry> messages) {
        this.type = type;
        this.user = user;
        this.dryRun = dryRun;
        this.messages = List.copyOf(messages);
    }

    /** One entry of the map, as in the request's body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Entry {
        private final String uidl;
        private final String messageId;
        private final Long octets;
        private final String sha256;
        private final String headerDigest;

        public Entry(@JsonProperty("uidl") String uidl, @JsonProperty("messageId") String messageId, @JsonProperty("octets") Long octets,
                     @JsonProperty("sha256") String sha256, @JsonProperty("headerDigest") String headerDigest) {
            this.uidl = uidl;
            this.messageId = messageId;
            this.octets = octets;
            this.sha256 = sha256;
            this.headerDigest = headerDigest;
        }

        static Entry of(UidlMapEntry entry) {
            return new Entry(entry.uidl(), entry.messageId().orElse(null),
                entry.octets().isPresent() ? entry.octets().getAsLong() : null, entry.sha256().orElse(null), entry.headerDigest().orElse(null));
        }

        UidlMapEntry toEntry() {
            if (sha256 != null) {
                return UidlMapEntry.byDigest(uidl, sha256);
            }
            return headerDigest != null ? UidlMapEntry.byHeaders(uidl, headerDigest, octets) : UidlMapEntry.byMessageId(uidl, messageId, octets);
        }

        public String getUidl() {
            return uidl;
        }

        public String getMessageId() {
            return messageId;
        }

        public Long getOctets() {
            return octets;
        }

        public String getSha256() {
            return sha256;
        }

        public String getHeaderDigest() {
            return headerDigest;
        }
    }

    static TaskDTOModule<UidlImportTask, UidlImportTaskDTO> module(UidlImporter importer, Clock clock) {
        return DTOModule.forDomainObject(UidlImportTask.class)
            .convertToDTO(UidlImportTaskDTO.class)
            .toDomainObjectConverter(dto -> new UidlImportTask(importer, Username.of(dto.user),
                new UidlMap(dto.messages.stream().map(Entry::toEntry).collect(Collectors.toList())), dto.dryRun, clock))
            .toDTOConverter((task, type) -> new UidlImportTaskDTO(type, task.user().asString(), task.dryRun(),
                task.map().entries().stream().map(Entry::of).collect(Collectors.toList())))
            .typeName(UidlImportTask.TYPE.asString())
            .withFactory(TaskDTOModule::new);
    }

    @Override
    public String getType() {
        return type;
    }

    public String getUser() {
        return user;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public List<Entry> getMessages() {
        return messages;
    }
}
