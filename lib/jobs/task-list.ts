import type { TaskList } from "graphile-worker";
import type { TaskDefinition } from "./define-task";
import { heartbeatNoopTask } from "./tasks/heartbeat-noop";

/** Every background task the worker runs. A task not listed here is never executed. */
export const tasks: TaskDefinition[] = [heartbeatNoopTask];

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
