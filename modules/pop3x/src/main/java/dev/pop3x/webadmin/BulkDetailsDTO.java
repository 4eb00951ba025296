package dev.pop3x.webadmin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How {@code GET /tasks/<id>} shows a bulk import's or pull's progress ({@link BulkDetails}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class BulkDetailsDTO implements AdditionalInformationDTO {
    public static final AdditionalInformationDTOModule<UidlBulkImportTask.Details, BulkDetailsDTO> IMPORT_MODULE =
        module(UidlBulkImportTask.Details.class, UidlBulkImportTask.TYPE.asString(), dto -> new UidlBulkImportTask.Details(dto.dryRun,
            dto.users, dto.done, dto.failed, dto.results, Optional.ofNullable(dto.failure), dto.timestamp));
    public static final AdditionalInformationDTOModule<UidlBulkPullTask.Details, BulkDetailsDTO> PULL_MODULE =
        module(UidlBulkPullTask.Details.class, UidlBulkPullTask.TYPE.asString(), dto -> new UidlBulkPullTask.Details(dto.dryRun,
            Optional.ofNullable(dto.server), dto.users, dto.done, dto.failed, dto.results, Optional.ofNullable(dto.failure), dto.timestamp));

    private final String type;
    private final boolean dryRun;
    private final String server;
    private final int users;
    private final int done;
    private final int failed;
    private final List<UserResult> results;
    private final String failure;
    private final Instant timestamp;

    public BulkDetailsDTO(@JsonProperty("type") String type, @JsonProperty("dryRun") boolean dryRun, @JsonProperty("server") String server,
                          @JsonProperty("users") int users, @JsonProperty("done") int done, @JsonProperty("failed") int failed,
                          @JsonProperty("results") List<UserResult> results, @JsonProperty("failure") String failure,
                          @JsonProperty("timestamp") Instant timestamp) {
        this.type = type;
        this.dryRun = dryRun;
        this.server = server;
        this.users = users;
        this.done = done;
        this.failed = failed;
        this.results = results == null ? List.of() : results;
        this.failure = failure;
        this.timestamp = timestamp;
    }

    private static <T extends BulkDetails> AdditionalInformationDTOModule<T, BulkDetailsDTO> module(Class<T> details, String typeName,
                                                                                                    Function<BulkDetailsDTO, T> back) {
        return DTOModule.forDomainObject(details)
            .convertToDTO(BulkDetailsDTO.class)
            .toDomainObjectConverter(back::apply)
            .toDTOConverter((found, type) -> new BulkDetailsDTO(type, found.isDryRun(), found.getServer().orElse(null), found.getUsers(),
                found.getDone(), found.getFailed(), found.getResults(), found.getFailure().orElse(null), found.timestamp()))
            .typeName(typeName)
            .withFactory(AdditionalInformationDTOModule::new);
    }

    @Override
    public String getType() {
        return type;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public String getServer() {
        return server;
    }

    public int getUsers() {
        return users;
    }

    public int getDone() {
        return done;
    }

    public int getFailed() {
        return failed;
    }

    public List<UserResult> getResults() {
        return results;
    }

    public String getFailure() {
        return failure;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }
}
