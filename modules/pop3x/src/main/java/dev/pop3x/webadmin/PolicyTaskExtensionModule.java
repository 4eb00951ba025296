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

import dev.pop3x.migration.UidlImporter;
import dev.pop3x.policy.PolicyRunner;

/**
 * Registers pop3x's tasks (the deletion policy, the UIDL import) with James's task serialization, from
 * {@code extensions.properties} ({@code guice.extension.task=dev.pop3x.webadmin.PolicyTaskExtensionModule}): how
 * {@code GET /tasks/<id>} shows their progress, and how James's distributed task manager carries a task to the node
 * that runs it (every node needs the jar and this line).
 */
public final class PolicyTaskExtensionModule implements TaskExtensionModule {
    private final PolicyRunner runner;
    private final UidlImporter importer;
    private final Clock clock;

    @Inject
    public PolicyTaskExtensionModule(PolicyRunner runner, UidlImporter importer, Clock clock) {
        this.runner = runner;
        this.importer = importer;
        this.clock = clock;
    }

    @Override
    public Set<TaskDTOModule<? extends Task, ? extends TaskDTO>> taskDTOModules() {
        return Set.of(PolicyTaskDTO.module(runner, clock), UidlImportTaskDTO.module(importer, clock));
    }

    @Override
    public Set<AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation, ? extends AdditionalInformationDTO>>
        taskAdditionalInformationDTOModules() {
        return Set.of(PolicyTaskDetailsDTO.MODULE, UidlImportTaskDetailsDTO.MODULE);
    }
}
