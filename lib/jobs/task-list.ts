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

/**
 * The worker's two lanes. Each runs on its own graphile-worker runner with its own slots
 * (run-worker.ts), and a runner only takes jobs of the tasks it was given, so a campaign's
 * batches can fill every bulk slot while a reply's next step still finds an interactive one.
 */
export type WorkerLane = "interactive" | "bulk";

/** Work someone is waiting on now: a reply's next step, a wait's deadline, an assignment, a send. */
export const interactiveTasks: TaskDefinition[] = [
  heartbeatNoopTask,
  workflowAdvanceRunsTask,
  workflowWaitDeadlineTask,
  wakeSnoozedConversationTask,
  webhooksDrainTask,
  smsSendTask,
  emailSendTask,
  mailSendTask,
  passwordResetRequestTask,
  contactEraseTask,
  unansweredMailTask,
  roundRobinDrainTask,
];

/**
 * Campaign and bulk work: an audience's fan-out (its evaluation and its 1,000-contact batches),
 * imports, a workspace's deletion, and housekeeping nobody waits on.
 */
export const bulkTasks: TaskDefinition[] = [
  workflowEvaluateAudienceTask,
  workflowAudienceBatchTask,
  workflowAudienceScheduleTask,
  contactImportTask,
  workspaceDeleteTask,
  apiHousekeepingTask,
  contactsHousekeepingTask,
  liveEventsPruneTask,
];

export const laneTasks: Record<WorkerLane, TaskDefinition[]> = { interactive: interactiveTasks, bulk: bulkTasks };

/** Every background task the worker runs, in one lane or the other. A task not listed here is never executed. */
export const tasks: TaskDefinition[] = [...interactiveTasks, ...bulkTasks];

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
