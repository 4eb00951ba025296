package dev.pop3x.webadmin;

import java.time.Clock;

import org.apache.james.core.Username;
import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.pop3x.migration.pull.UidlPuller;

/**
 * A {@link UidlPullTask} as James's distributed task manager carries it: the user, their login on the old server, the
 * old server, whether a dry run, and the id under which {@link PullSecrets} holds the password, never the password.
 */
public final class UidlPullTaskDTO implements TaskDTO {
    private final String type;
    private final String user;
    private final String login;
    private final OldServerDTO server;
    private final String secret;
    private final boolean dryRun;

    public UidlPullTaskDTO(@JsonProperty("type") String type, @JsonProperty("user") String user, @JsonProperty("login") String login,
                           @JsonProperty("server") OldServerDTO server, @JsonProperty("secret") String secret,
                           @JsonProperty("dryRun") boolean dryRun) {
        this.type = type;
        this.user = user;
        this.login = login;
        this.server = server;
        this.secret = secret;
        this.dryRun = dryRun;
    }

    static TaskDTOModule<UidlPullTask, UidlPullTaskDTO> module(UidlPuller puller, PullSecrets secrets, Clock clock) {
        return DTOModule.forDomainObject(UidlPullTask.class)
            .convertToDTO(UidlPullTaskDTO.class)
            .toDomainObjectConverter(dto -> new UidlPullTask(puller, secrets, Username.of(dto.user), dto.login, dto.server.toServer(),
                dto.secret, dto.dryRun, clock))
            .toDTOConverter((task, type) -> new UidlPullTaskDTO(type, task.user().asString(), task.login(), OldServerDTO.of(task.server()),
                task.secretId(), task.dryRun()))
            .typeName(UidlPullTask.TYPE.asString())
            .withFactory(TaskDTOModule::new);
    }

    @Override
    public String getType() {
        return type;
    }

    public String getUser() {
        return user;
    }

    public String getLogin() {
        return login;
    }

    public OldServerDTO getServer() {
        return server;
    }

    /** The id of the password in {@link PullSecrets}. */
    public String getSecret() {
        return secret;
    }

    public boolean isDryRun() {
        return dryRun;
    }
}
