package dev.pop3x.webadmin;

import java.time.Clock;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.server.task.json.TaskExtensionModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.user.api.UsersRepository;

import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.pull.UidlPuller;
import dev.pop3x.policy.PolicyRunner;

/**
 * Registers pop3x's tasks (the deletion policy, the UIDL imports and pulls) with James's task serialization, from
 * {@code extensions.properties} ({@code guice.extension.task=dev.pop3x.webadmin.PolicyTaskExtensionModule}): how
 * {@code GET /tasks/<id>} shows their progress, and how James's distributed task manager carries a task to the node
 * that runs it (every node needs the jar and this line).
 */
public final class PolicyTaskExtensionModule implements TaskExtensionModule {
    private final PolicyRunner runner;
    private final UidlImporter importer;
    private final Clock clock;
    private final UidlPuller puller;
    private final PullSecrets secrets;
    private final UsersRepository users;

    @Inject
    public PolicyTaskExtensionModule(PolicyRunner runner, UidlImporter importer, Clock clock, UidlPuller puller, PullSecrets secrets,
                                     UsersRepository users) {
        this.runner = runner;
        this.importer = importer;
        this.clock = clock;
        this.puller = puller;
        this.secrets = secrets;
        this.users = users;
    }

    @Override
    public Set<TaskDTOModule<? extends Task, ? extends TaskDTO>> taskDTOModules() {
        return Set.of(PolicyTaskDTO.module(runner, clock), UidlImportTaskDTO.module(importer, clock),
            UidlPullTaskDTO.module(puller, secrets, clock), UidlBulkTaskDTOs.importModule(importer, users, clock),
            UidlBulkTaskDTOs.pullModule(puller, secrets, users, clock));
    }

    @Override
    public Set<AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation, ? extends AdditionalInformationDTO>>
        taskAdditionalInformationDTOModules() {
        return Set.of(PolicyTaskDetailsDTO.MODULE, UidlImportTaskDetailsDTO.MODULE, UidlPullTaskDetailsDTO.MODULE,
            BulkDetailsDTO.IMPORT_MODULE, BulkDetailsDTO.PULL_MODULE);
    }
}
