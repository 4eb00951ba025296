package dev.pop3x.webadmin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How {@code GET /tasks/<id>} shows a {@link UidlPullTask}'s findings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class UidlPullTaskDetailsDTO implements AdditionalInformationDTO {
    public static final AdditionalInformationDTOModule<UidlPullTask.Details, UidlPullTaskDetailsDTO> MODULE =
        DTOModule.forDomainObject(UidlPullTask.Details.class)
            .convertToDTO(UidlPullTaskDetailsDTO.class)
            .toDomainObjectConverter(dto -> new UidlPullTask.Details(dto.user, dto.dryRun, dto.server, dto.oldMessages, dto.matched,
                dto.unchanged, dto.ambiguous, dto.unmatched, dto.unmatchedUidls, dto.collisions, dto.collidingUidls, dto.unpairedHere,
                dto.unpairedHereUidls, Optional.ofNullable(dto.failure), dto.timestamp))
            .toDTOConverter((details, type) -> new UidlPullTaskDetailsDTO(type, details.getUser(), details.isDryRun(), details.getServer(),
                details.getOldMessages(), details.getMatched(), details.getUnchanged(), details.getAmbiguous(), details.getUnmatched(),
                details.getUnmatchedUidls(), details.getCollisions(), details.getCollidingUidls(), details.getUnpairedHere(),
                details.getUnpairedHereUidls(), details.getFailure().orElse(null), details.timestamp()))
            .typeName(UidlPullTask.TYPE.asString())
            .withFactory(AdditionalInformationDTOModule::new);

    private final String type;
    private final String user;
    private final boolean dryRun;
    private final String server;
    private final int oldMessages;
    private final int matched;
    private final int unchanged;
    private final int ambiguous;
    private final int unmatched;
    private final List<String> unmatchedUidls;
    private final int collisions;
    private final List<String> collidingUidls;
    private final int unpairedHere;
    private final List<String> unpairedHereUidls;
    /** Why it did not run; absent when it ran. */
    private final String failure;
    private final Instant timestamp;

    public UidlPullTaskDetailsDTO(@JsonProperty("type") String type, @JsonProperty("user") String user,
                                  @JsonProperty("dryRun") boolean dryRun, @JsonProperty("server") String server,
                                  @JsonProperty("oldMessages") int oldMessages, @JsonProperty("matched") int matched,
                                  @JsonProperty("unchanged") int unchanged, @JsonProperty("ambiguous") int ambiguous,
                                  @JsonProperty("unmatched") int unmatched, @JsonProperty("unmatchedUidls") List<String> unmatchedUidls,
                                  @JsonProperty("collisions") int collisions, @JsonProperty("collidingUidls") List<String> collidingUidls,
                                  @JsonProperty("unpairedHere") int unpairedHere,
                                  @JsonProperty("unpairedHereUidls") List<String> unpairedHereUidls,
                                  @JsonProperty("failure") String failure, @JsonProperty("timestamp") Instant timestamp) {
        this.type = type;
        this.user = user;
        this.dryRun = dryRun;
        this.server = server;
        this.oldMessages = oldMessages;
        this.matched = matched;
        this.unchanged = unchanged;
        this.ambiguous = ambiguous;
        this.unmatched = unmatched;
        this.unmatchedUidls = unmatchedUidls == null ? List.of() : unmatchedUidls;
        this.collisions = collisions;
        this.collidingUidls = collidingUidls == null ? List.of() : collidingUidls;
        this.unpairedHere = unpairedHere;
        this.unpairedHereUidls = unpairedHereUidls == null ? List.of() : unpairedHereUidls;
        this.failure = failure;
        this.timestamp = timestamp;
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

    public String getServer() {
        return server;
    }

    public int getOldMessages() {
        return oldMessages;
    }

    public int getMatched() {
        return matched;
    }

    public int getUnchanged() {
        return unchanged;
    }

    public int getAmbiguous() {
        return ambiguous;
    }

    public int getUnmatched() {
        return unmatched;
    }

    public List<String> getUnmatchedUidls() {
        return unmatchedUidls;
    }

    public int getCollisions() {
        return collisions;
    }

    public List<String> getCollidingUidls() {
        return collidingUidls;
    }

    public int getUnpairedHere() {
        return unpairedHere;
    }

    public List<String> getUnpairedHereUidls() {
        return unpairedHereUidls;
    }

    public String getFailure() {
        return failure;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }
}
