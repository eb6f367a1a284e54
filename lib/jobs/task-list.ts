import type { TaskList } from "graphile-worker";
import type { TaskDefinition } from "./define-task";
import { apiHousekeepingTask } from "@/lib/api/housekeeping-task";
import { contactEraseTask } from "@/lib/contacts/contact-erase-task";
import { contactsHousekeepingTask } from "@/lib/contacts/contacts-housekeeping-task";
import { contactImportTask } from "@/lib/contact-imports/contact-import-task";
import { emailSendTask } from "@/lib/email/email-send-task";
import { mailSendTask } from "@/lib/mail/mail-send-task";
import { unansweredMailTask } from "@/lib/notifications/unanswered-mail-task";
import { roundRobinDrainTask } from "@/lib/round-robin/round-robin-drain-task";
import { passwordResetRequestTask } from "@/lib/people/password-reset-task";
import { smsSendTask } from "@/lib/sms/sms-send-task";
import { webhooksDrainTask } from "@/lib/webhooks/drain-task";
import { workspaceDeleteTask } from "@/lib/workspace/workspace-delete-task";
import { heartbeatNoopTask } from "./tasks/heartbeat-noop";
import { wakeSnoozedConversationTask } from "./tasks/wake-snoozed-conversation";
import { workflowAdvanceRunsTask } from "./tasks/workflow-advance-runs";
import { workflowAudienceBatchTask } from "./tasks/workflow-audience-batch";
import { workflowAudienceScheduleTask } from "./tasks/workflow-audience-schedule";
import { workflowEvaluateAudienceTask } from "./tasks/workflow-evaluate-audience";
import { workflowWaitDeadlineTask } from "./tasks/workflow-wait-deadline";

/** Every background task the worker runs. A task not listed here is never executed. */
export const tasks: TaskDefinition[] = [
  heartbeatNoopTask,
  workflowAdvanceRunsTask,
  workflowWaitDeadlineTask,
  workflowEvaluateAudienceTask,
  workflowAudienceBatchTask,
  workflowAudienceScheduleTask,
  wakeSnoozedConversationTask,
  webhooksDrainTask,
  smsSendTask,
  emailSendTask,
  apiHousekeepingTask,
  mailSendTask,
  workspaceDeleteTask,
  passwordResetRequestTask,
  contactEraseTask,
  contactImportTask,
  contactsHousekeepingTask,
  unansweredMailTask,
  roundRobinDrainTask,
];

export function buildTaskList(definitions: TaskDefinition[] = tasks): TaskList {
  return Object.fromEntries(
    definitions.map((task) => [
      task.name,
      async (payload: unknown, helpers) => {
        const parsed = task.schema.safeParse(payload);
        if (!parsed.success) {
          // A malformed payload will never succeed: log it and drop it instead of retrying forever.
          helpers.logger.error(`Dropping ${task.name} job ${helpers.job.id}: ${parsed.error.message}`);
          return;
        }
        await task.handler(parsed.data, helpers);
      },
    ]),
  );
}
