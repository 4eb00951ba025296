package dev.pop3x.webadmin;

import java.time.Clock;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.pop3x.policy.PolicyRunner;

/**
 * A {@link PolicyTask} as James's distributed task manager carries it from the node that took the request to the one
 * that runs it: the user, or none for every user.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class PolicyTaskDTO implements TaskDTO {
    private final String type;
    private final String user;

    public PolicyTaskDTO(@JsonProperty("type") String type, @JsonProperty("user") String user) {
        this.type = type;
        this.user = user;
    }

    static TaskDTOModule<PolicyTask, PolicyTaskDTO> module(PolicyRunner runner, Clock clock) {
        return DTOModule.forDomainObject(PolicyTask.class)
            .convertToDTO(PolicyTaskDTO.class)
            .toDomainObjectConverter(dto -> new PolicyTask(runner, Optional.ofNullable(dto.user).map(Username::of), clock))
            .toDTOConverter((task, type) -> new PolicyTaskDTO(type, task.user().map(Username::asString).orElse(null)))
            .typeName(PolicyTask.TYPE.asString())
            .withFactory(TaskDTOModule::new);
    }

    @Override
    public String getType() {
        return type;
    }

    public String getUser() {
        return user;
    }
}
