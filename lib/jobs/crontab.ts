/**
 * Recurring jobs in graphile-worker's crontab syntax. Each line names a task from task-list.ts;
 * `?fill=` lets a worker that was down catch up the runs it missed.
 */
export const crontab: string[] = [
  // Each live Audience Matched workflow is re-evaluated on its own schedule; the tick finds the due ones.
  "* * * * * workflow:audience-schedule",
];
