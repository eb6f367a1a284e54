import { randomUUID } from "node:crypto";
import type { TaskList } from "graphile-worker";
import { componentLogger } from "@/lib/logging/logger";
import { runWithRequestContext } from "@/lib/logging/request-context";
import { processMetrics } from "@/lib/metrics/process-metrics";
import type { TaskDefinition } from "./define-task";
import { apiHousekeepingTask } from "@/lib/api/housekeeping-task";
import { contactEraseTask } from "@/lib/contacts/contact-erase-task";
import { contactsHousekeepingTask } from "@/lib/contacts/contacts-housekeeping-task";
import { contactImportTask } from "@/lib/contact-imports/contact-import-task";
import { emailSendTask } from "@/lib/email/email-send-task";
import { liveEventsPruneTask } from "@/lib/live/live-events-prune-task";
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

const log = componentLogger("jobs");

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
  liveEventsPruneTask,
];

/**
 * The task runner: each job runs in its own log context (a request id, the job's id, task and
 * attempt on every line it writes), and a job that throws is logged with its stack before
 * graphile-worker retries it.
 */
export function buildTaskList(definitions: TaskDefinition[] = tasks): TaskList {
  return Object.fromEntries(
    definitions.map((task) => [
      task.name,
      (payload: unknown, helpers) =>
        runWithRequestContext({ requestId: randomUUID(), job: { id: helpers.job.id, task: task.name, attempt: helpers.job.attempts } }, async () => {
          const metrics = processMetrics();
          metrics.jobsRun.inc({ task: task.name });
          const parsed = task.schema.safeParse(payload);
          if (!parsed.success) {
            metrics.jobsFailed.inc({ task: task.name });
            // A malformed payload will never succeed: log it and drop it instead of retrying forever.
            log.error({ issues: parsed.error.issues }, "dropping a job whose payload does not parse");
            return;
          }
          try {
            await task.handler(parsed.data, helpers);
          } catch (error) {
            metrics.jobsFailed.inc({ task: task.name });
            log.error({ err: error }, "job failed");
            throw error;
          }
        }),
    ]),
  );
}
