import { isNull } from "drizzle-orm";
import { workspaces } from "@/lib/db/schema/workspaces";

/**
 * THE condition "this workspace can be read": it is not being deleted. Once its owner deletes it,
 * every way in treats it as not found — a member's access (pages, actions, routes, the inbox's
 * live stream), an API key, a chat channel (its page, API and stream), an SMS webhook and the jobs
 * that act for it — while the workspace-delete job removes what is left. Every lookup that goes
 * from something outside (a session, a key, a channel id, a job payload) to a workspace adds it.
 */
export function workspaceIsLive() {
  return isNull(workspaces.deletionStartedAt);
}
