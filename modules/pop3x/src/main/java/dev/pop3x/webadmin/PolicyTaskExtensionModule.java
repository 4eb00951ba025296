package dev.pop3x.webadmin;

import java.util.Set;

import org.apache.james.server.task.json.TaskExtensionModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;

/**
 * Registers how James shows the progress of pop3x's tasks (the deletion policy, the UIDL import), from {@code extensions.properties}
 * ({@code guice.extension.task=dev.pop3x.webadmin.PolicyTaskExtensionModule}).
 */
public final class PolicyTaskExtensionModule implements TaskExtensionModule {
    @Override
    public Set<TaskDTOModule<? extends Task, ? extends TaskDTO>> taskDTOModules() {
        return Set.of();
    }

    @Override
    public Set<AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation, ? extends AdditionalInformationDTO>>
        taskAdditionalInformationDTOModules() {
        return Set.of(PolicyTaskDetailsDTO.MODULE, UidlImportTaskDetailsDTO.MODULE);
    }
}
