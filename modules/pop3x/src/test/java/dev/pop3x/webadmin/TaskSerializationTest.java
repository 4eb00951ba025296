package dev.pop3x.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.server.task.json.JsonTaskAdditionalInformationSerializer;
import org.apache.james.server.task.json.JsonTaskSerializer;
import org.junit.jupiter.api.Test;

import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.UidlMap;
import dev.pop3x.migration.UidlMapEntry;
import dev.pop3x.policy.PolicyRunner;

/**
 * pop3x's tasks as James's distributed task manager carries them between nodes ({@code JsonTaskSerializer}, what
 * its RabbitMQ work queue and Cassandra event store hold): each comes back as the same task, and its progress as the
 * same details.
 */
class TaskSerializationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    // the services the deserialised task runs with: not run here
    private static final PolicyRunner RUNNER = new PolicyRunner(null, null, null, null, null, null);
    private static final UidlImporter IMPORTER = new UidlImporter(null, null);
    private static final JsonTaskSerializer TASKS = JsonTaskSerializer.of(PolicyTaskDTO.module(RUNNER, CLOCK),
        UidlImportTaskDTO.module(IMPORTER, CLOCK));
    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void thePolicyTaskForOneUserTravelsWithItsUser() throws Exception {
        String json = TASKS.serialize(new PolicyTask(RUNNER, Optional.of(Username.of("bob@example.com")), CLOCK));

        assertThat(json).isEqualTo("{\"type\":\"pop3x-deletion-policy\",\"user\":\"bob@example.com\"}");
        assertThat(((PolicyTask) TASKS.deserialize(json)).user()).contains(Username.of("bob@example.com"));
    }

    @Test
    void thePolicyTaskForEveryUserTravelsWithoutOne() throws Exception {
        String json = TASKS.serialize(new PolicyTask(RUNNER, Optional.empty(), CLOCK));

        assertThat(json).isEqualTo("{\"type\":\"pop3x-deletion-policy\"}");
        assertThat(((PolicyTask) TASKS.deserialize(json)).user()).isEmpty();
    }

    @Test
    void theUidlImportTravelsWithItsWholeMap() throws Exception {
        UidlMap map = new UidlMap(List.of(UidlMapEntry.byMessageId("UID1-17", "<a@example.com>", 2381), UidlMapEntry.byDigest("old-2", DIGEST)));

        String json = TASKS.serialize(new UidlImportTask(IMPORTER, Username.of("bob@example.com"), map, true, CLOCK));
        UidlImportTask back = (UidlImportTask) TASKS.deserialize(json);

        assertThat(json).isEqualTo("{\"type\":\"pop3x-uidl-import\",\"user\":\"bob@example.com\",\"dryRun\":true,\"messages\":["
            + "{\"uidl\":\"UID1-17\",\"messageId\":\"<a@example.com>\",\"octets\":2381},{\"uidl\":\"old-2\",\"sha256\":\"" + DIGEST + "\"}]}");
        assertThat(back.user()).isEqualTo(Username.of("bob@example.com"));
        assertThat(back.dryRun()).isTrue();
        assertThat(back.map().entries()).extracting(UidlMapEntry::toString).containsExactlyElementsOf(
            map.entries().stream().map(UidlMapEntry::toString).collect(Collectors.toList()));
    }

    @Test
    void theUidlImportsFindingsReadTheSameOnEveryNode() throws Exception {
        JsonTaskAdditionalInformationSerializer details = JsonTaskAdditionalInformationSerializer.of(UidlImportTaskDetailsDTO.MODULE);
        UidlImportTask.Details found = new UidlImportTask.Details("bob@example.com", false, 3, 2, 1, 0, 1, List.of("gone"), 0, List.of(),
            1, List.of("new-here"), Optional.empty(), CLOCK.instant());

        String json = details.serialize(found);

        assertThat(json).isEqualTo("{\"type\":\"pop3x-uidl-import\",\"user\":\"bob@example.com\",\"dryRun\":false,\"entries\":3,"
            + "\"matched\":2,\"unchanged\":1,\"ambiguous\":0,\"unmatched\":1,\"unmatchedUidls\":[\"gone\"],\"collisions\":0,"
            + "\"collidingUidls\":[],\"unpairedHere\":1,\"unpairedHereUidls\":[\"new-here\"],\"timestamp\":\"2026-12-03T10:00:00Z\"}");
        assertThat(((UidlImportTask.Details) details.deserialize(json)).getUnmatchedUidls()).containsExactly("gone");
    }
}
