package dev.pop3x.webadmin;

import java.time.Instant;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How {@code GET /tasks/<id>} shows a {@link PolicyTask}'s progress. */
public final class PolicyTaskDetailsDTO implements AdditionalInformationDTO {
    public static final AdditionalInformationDTOModule<PolicyTask.Details, PolicyTaskDetailsDTO> MODULE =
        DTOModule.forDomainObject(PolicyTask.Details.class)
            .convertToDTO(PolicyTaskDetailsDTO.class)
            .toDomainObjectConverter(dto -> new PolicyTask.Details(dto.scope, dto.users, dto.done, dto.busy, dto.failed,
                dto.expungedMessages, dto.expungedOctets, dto.timestamp))
            .toDTOConverter((details, type) -> new PolicyTaskDetailsDTO(type, details.getScope(), details.getUsers(), details.getDone(),
                details.getBusy(), details.getFailed(), details.getExpungedMessages(), details.getExpungedOctets(), details.timestamp()))
            .typeName(PolicyTask.TYPE.asString())
            .withFactory(AdditionalInformationDTOModule::new);

    private final String type;
    private final String scope;
    private final long users;
    private final long done;
    private final long busy;
    private final long failed;
    private final long expungedMessages;
    private final long expungedOctets;
    private final Instant timestamp;

    public PolicyTaskDetailsDTO(@JsonProperty("type") String type, @JsonProperty("scope") String scope, @JsonProperty("users") long users,
                                @JsonProperty("done") long done, @JsonProperty("busy") long busy, @JsonProperty("failed") long failed,
                                @JsonProperty("expungedMessages") long expungedMessages, @JsonProperty("expungedOctets") long expungedOctets,
                                @JsonProperty("timestamp") Instant timestamp) {
        this.type = type;
        this.scope = scope;
        this.users = users;
        this.done = done;
        this.busy = busy;
        this.failed = failed;
        this.expungedMessages = expungedMessages;
        this.expungedOctets = expungedOctets;
        this.timestamp = timestamp;
    }

    @Override
    public String getType() {
        return type;
    }

    public String getScope() {
        return scope;
    }

    public long getUsers() {
        return users;
    }

    public long getDone() {
        return done;
    }

    public long getBusy() {
        return busy;
    }

    public long getFailed() {
        return failed;
    }

    public long getExpungedMessages() {
        return expungedMessages;
    }

    public long getExpungedOctets() {
        return expungedOctets;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }
}
