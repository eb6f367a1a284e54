import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { expireAbandonedImports } from "@/lib/contact-imports/expire-abandoned-imports";
import { defineTask } from "@/lib/jobs/define-task";
import { pruneUnusedTags } from "./workspace-tags";

/**
 * Hourly: lets go of uploaded imports nobody started, and of catalogued tags nobody carries.
 * Parley's own bookkeeping across workspaces, like api-housekeeping: no service context.
 */
export const contactsHousekeepingTask = defineTask("contacts-housekeeping", z.object({}), async (_payload, helpers) => {
  const expired = await expireAbandonedImports(getDb());
  const pruned = await pruneUnusedTags(getDb());
  if (expired + pruned > 0) helpers.logger.info(`contacts housekeeping: ${expired} abandoned import(s) cancelled, ${pruned} unused tag(s) forgotten`);
});
