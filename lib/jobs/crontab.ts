/**
 * Recurring jobs in graphile-worker's crontab syntax. Each line names a task from task-list.ts;
 * `?fill=` lets a worker that was down catch up the runs it missed.
 */
export const crontab: string[] = [];
