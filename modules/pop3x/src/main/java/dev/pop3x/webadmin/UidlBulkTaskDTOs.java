package dev.pop3x.webadmin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;
import org.apache.james.user.api.UsersRepository;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.pull.UidlPuller;

/** The bulk tasks as James's distributed task manager carries them. */
final class UidlBulkTaskDTOs {
    private UidlBulkTaskDTOs() {
    }

    /**
     * A {@link UidlBulkImportTask}: the path of the maps' file, on the node that took the request (another node finds
     * none and says so), whether WebAdmin spooled it (and deletes it), and whether a dry run.
     */
    public static final class ImportDTO implements TaskDTO {
        private final String type;
        private final String file;
        private final boolean spooled;
        private final boolean dryRun;

        public ImportDTO(@JsonProperty("type") String type, @JsonProperty("file") String file, @JsonProperty("spooled") boolean spooled,
                         @JsonProperty("dryRun") boolean dryRun) {
            this.type = type;
            this.file = file;
            this.spooled = spooled;
            this.dryRun = dryRun;
        }

        @Override
        public String getType() {
            return type;
        }

        public String getFile() {
            return file;
        }

        public boolean isSpooled() {
            return spooled;
        }

        public boolean isDryRun() {
            return dryRun;
        }
    }

    static TaskDTOModule<UidlBulkImportTask, ImportDTO> importModule(UidlImporter importer, UsersRepository users, Clock clock) {
        return DTOModule.forDomainObject(UidlBulkImportTask.class)
            .convertToDTO(ImportDTO.class)
            .toDomainObjectConverter(dto -> new UidlBulkImportTask(importer, users, Path.of(dto.file), dto.spooled, dto.dryRun, clock))
            .toDTOConverter((task, type) -> new ImportDTO(type, task.file().toString(), task.spooled(), task.dryRun()))
            .typeName(UidlBulkImportTask.TYPE.asString())
            .withFactory(TaskDTOModule::new);
    }

    /** A user of a bulk pull: their name here and on the old server. */
    public static final class TargetDTO {
        private final String user;
        private final String login;

        public TargetDTO(@JsonProperty("user") String user, @JsonProperty("login") String login) {
            this.user = user;
            this.login = login;
        }

        public String getUser() {
            return user;
        }

        public String getLogin() {
            return login;
        }
    }

    /** A {@link UidlBulkPullTask}: the old server, the users or the domain, the secret's id (never a password). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class PullDTO implements TaskDTO {
        private final String type;
        private final OldServerDTO server;
        private final List<TargetDTO> users;
        private final String domain;
        private final String secret;
        private final boolean dryRun;
        private final int concurrency;

        public PullDTO(@JsonProperty("type") String type, @JsonProperty("server") OldServerDTO server,
                       @JsonProperty("users") List<TargetDTO> users, @JsonProperty("domain") String domain,
                       @JsonProperty("secret") String secret, @JsonProperty("dryRun") boolean dryRun,
                       @JsonProperty("concurrency") int concurrency) {
            this.type = type;
            this.server = server;
            this.users = users == null ? List.of() : users;
            this.domain = domain;
            this.secret = secret;
            this.dryRun = dryRun;
            this.concurrency = concurrency;
        }

        @Override
        public String getType() {
            return type;
        }

        public OldServerDTO getServer() {
            return server;
        }

        public List<TargetDTO> getUsers() {
            return users;
        }

        public String getDomain() {
            return domain;
        }

        public String getSecret() {
            return secret;
        }

        public boolean isDryRun() {
            return dryRun;
        }

        public int getConcurrency() {
            return concurrency;
        }
    }

    static TaskDTOModule<UidlBulkPullTask, PullDTO> pullModule(UidlPuller puller, PullSecrets secrets, UsersRepository users, Clock clock) {
        return DTOModule.forDomainObject(UidlBulkPullTask.class)
            .convertToDTO(PullDTO.class)
            .toDomainObjectConverter(dto -> new UidlBulkPullTask(puller, secrets, users, dto.server.toServer(),
                dto.users.stream().map(target -> new UidlBulkPullTask.Target(Username.of(target.user), target.login)).collect(Collectors.toList()),
                Optional.ofNullable(dto.domain).map(Domain::of), dto.secret, dto.dryRun, dto.concurrency, clock))
            .toDTOConverter((task, type) -> new PullDTO(type, OldServerDTO.of(task.server()),
                task.targets().stream().map(target -> new TargetDTO(target.user().asString(), target.login())).collect(Collectors.toList()),
                task.domain().map(Domain::asString).orElse(null), task.secretId(), task.dryRun(), task.concurrency()))
            .typeName(UidlBulkPullTask.TYPE.asString())
            .withFactory(TaskDTOModule::new);
    }
}
