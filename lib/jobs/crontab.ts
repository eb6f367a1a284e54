/**
 * Recurring jobs in graphile-worker's crontab syntax. Each line names a task from task-list.ts;
 * `?fill=` lets a worker that was down catch up the runs it missed.
 */
export const crontab: string[] = [
  // Each live Audience Matched workflow is re-evaluated on its own schedule; the tick finds the due ones.
  "* * * * * workflow:audience-schedule",
  // Safety nets: outboxes are drained on every write and at each retry's due time; these catch
  // anything a lost job would otherwise leave waiting (e.g. a worker killed mid-delivery).
  "* * * * * webhooks-drain",
  "* * * * * sms-send",
  "17 * * * * api-housekeeping",
  "23 * * * * contacts-housekeeping",
  // Live events are replayable for an hour (lib/live/live-event-log.ts); kept short so the table stays small.
  "*/5 * * * * live-events-prune",
];
