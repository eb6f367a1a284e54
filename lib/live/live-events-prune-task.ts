import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { defineTask } from "@/lib/jobs/define-task";
import { pruneLiveEvents } from "./live-event-log";

/** Every few minutes: forgets live events past the replay retention (Parley's own bookkeeping: no service context). */
export const liveEventsPruneTask = defineTask("live-events-prune", z.object({}), async (_payload, helpers) => {
  const pruned = await pruneLiveEvents(getDb());
  if (pruned > 0) helpers.logger.info(`live events: ${pruned} past retention pruned`);
});
