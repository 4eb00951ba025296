package dev.pop3x.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.server.task.json.JsonTaskAdditionalInformationSerializer;
import org.apache.james.server.task.json.JsonTaskSerializer;
import org.junit.jupiter.api.Test;

import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.UidlMap;
import dev.pop3x.migration.UidlMapEntry;
import dev.pop3x.migration.pull.Credentials;
import dev.pop3x.migration.pull.OldServer;
import dev.pop3x.migration.pull.TlsMode;
import dev.pop3x.migration.pull.UidlPuller;
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
    private static final UidlPuller PULLER = new UidlPuller(IMPORTER);
    private static final PullSecrets SECRETS = new PullSecrets();
    private static final JsonTaskSerializer TASKS = JsonTaskSerializer.of(PolicyTaskDTO.module(RUNNER, CLOCK),
        UidlImportTaskDTO.module(IMPORTER, CLOCK), UidlPullTaskDTO.module(PULLER, SECRETS, CLOCK),
        UidlBulkTaskDTOs.importModule(IMPORTER, null, CLOCK), UidlBulkTaskDTOs.pullModule(PULLER, SECRETS, null, CLOCK));
    private static final OldServer OLD_SERVER = new OldServer("pop.old.example", 110, TlsMode.STLS, true, Optional.empty(), Duration.ofSeconds(60));
    private static final String PASSWORD = "s3cret-never-stored";
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

    @Test
    void aPullTravelsWithItsOldServerAndTheIdOfItsPasswordNeverThePassword() throws Exception {
        String secret = SECRETS.hold(new PullSecrets.Secret(Optional.empty(),
            Map.of(Username.of("bob@example.com"), Credentials.ofUser("bob", PASSWORD))));

        String json = TASKS.serialize(new UidlPullTask(PULLER, SECRETS, Username.of("bob@example.com"), "bob", OLD_SERVER, secret, false, CLOCK));
        UidlPullTask back = (UidlPullTask) TASKS.deserialize(json);

        assertThat(json).doesNotContain(PASSWORD).isEqualTo("{\"type\":\"pop3x-uidl-pull\",\"user\":\"bob@example.com\",\"login\":\"bob\","
            + "\"server\":{\"host\":\"pop.old.example\",\"port\":110,\"tls\":\"stls\",\"trustAll\":true,\"timeoutSeconds\":60},"
            + "\"secret\":\"" + secret + "\",\"dryRun\":false}");
        assertThat(back.server()).hasToString("pop.old.example:110 tls=stls");
        assertThat(back.server().trustAll()).isTrue();
        assertThat(back.secretId()).isEqualTo(secret);
    }

    @Test
    void aBulkPullTravelsWithItsUsersAndNoPassword() throws Exception {
        String secret = SECRETS.hold(new PullSecrets.Secret(Optional.of(Credentials.ofMaster("x", "admin", PASSWORD,
            Credentials.MasterStyle.SASL)), Map.of()));
        UidlBulkPullTask task = new UidlBulkPullTask(PULLER, SECRETS, null, OLD_SERVER,
            List.of(new UidlBulkPullTask.Target(Username.of("bob@example.com"), "bob")), Optional.empty(), secret, true, 3, CLOCK);

        String json = TASKS.serialize(task);
        UidlBulkPullTask back = (UidlBulkPullTask) TASKS.deserialize(json);

        assertThat(json).doesNotContain(PASSWORD).doesNotContain("admin").contains("\"users\":[{\"user\":\"bob@example.com\",\"login\":\"bob\"}]");
        assertThat(back.targets()).extracting(UidlBulkPullTask.Target::login).containsExactly("bob");
        assertThat(back.concurrency()).isEqualTo(3);
        assertThat(back.dryRun()).isTrue();
    }

    @Test
    void aBulkImportTravelsWithThePathOfItsSpooledFile() throws Exception {
        String json = TASKS.serialize(new UidlBulkImportTask(IMPORTER, null, Path.of("/tmp/pop3x-uidl-maps-1.json"), true, false, CLOCK));
        UidlBulkImportTask back = (UidlBulkImportTask) TASKS.deserialize(json);

        assertThat(json).isEqualTo("{\"type\":\"pop3x-uidl-bulk-import\",\"file\":\"/tmp/pop3x-uidl-maps-1.json\",\"spooled\":true,\"dryRun\":false}");
        assertThat(back.file()).isEqualTo(Path.of("/tmp/pop3x-uidl-maps-1.json"));
        assertThat(back.spooled()).isTrue();
    }

    @Test
    void aBulkTasksPerUserResultsReadTheSameOnEveryNode() throws Exception {
        JsonTaskAdditionalInformationSerializer details = JsonTaskAdditionalInformationSerializer.of(BulkDetailsDTO.PULL_MODULE,
            BulkDetailsDTO.IMPORT_MODULE, UidlPullTaskDetailsDTO.MODULE);
        UidlBulkPullTask.Details found = new UidlBulkPullTask.Details(false, Optional.of(OLD_SERVER.toString()), 2, 2, 1,
            List.of(new UserResult("a@example.com", 3, 3, 0, 0, 0, 0, 1, null),
                UserResult.failed("b@example.com", "the old server refused the login of b@example.com: '-ERR [AUTH] Authentication failed.'")),
            Optional.empty(), CLOCK.instant());

        String json = details.serialize(found);
        UidlBulkPullTask.Details back = (UidlBulkPullTask.Details) details.deserialize(json);

        assertThat(json).isEqualTo("{\"type\":\"pop3x-uidl-bulk-pull\",\"dryRun\":false,\"server\":\"pop.old.example:110 tls=stls\",\"users\":2,"
            + "\"done\":2,\"failed\":1,\"results\":[{\"user\":\"a@example.com\",\"entries\":3,\"matched\":3,\"unchanged\":0,\"ambiguous\":0,"
            + "\"unmatched\":0,\"collisions\":0,\"unpairedHere\":1},{\"user\":\"b@example.com\",\"entries\":0,\"matched\":0,\"unchanged\":0,"
            + "\"ambiguous\":0,\"unmatched\":0,\"collisions\":0,\"unpairedHere\":0,\"failure\":\"the old server refused the login of "
            + "b@example.com: '-ERR [AUTH] Authentication failed.'\"}],\"timestamp\":\"2026-12-03T10:00:00Z\"}");
        assertThat(back.getResults()).extracting(UserResult::getUser).containsExactly("a@example.com", "b@example.com");
        assertThat(back.getServer()).contains("pop.old.example:110 tls=stls");
    }
}
