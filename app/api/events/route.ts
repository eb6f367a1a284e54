import { z } from "zod";
import { findWorkspaceAccess, getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { route } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/client";
import { PRESENCE_EVENTS } from "@/lib/live/presence";
import { liveEventStream } from "@/lib/live/sse";
import { ACTIVITY_REFRESH_MS, touchAgentActivity } from "@/lib/live/agent-activity";
import { liveNotificationFor } from "@/lib/notifications/live-notification";
import { requestRoundRobinDrainsForAgent } from "@/lib/round-robin/round-robin-drain-task";
import { joinRoundRobin } from "@/lib/round-robin/round-robin-settings";
import { runService } from "@/lib/services/run-service";
import { uuidSchema } from "@/lib/validation/uuid";
import { logger } from "@/lib/logging/logger";

export const dynamic = "force-dynamic";

const querySchema = z.object({ workspaceId: uuidSchema });

const PRESENCE_TYPES = new Set<string>(Object.values(PRESENCE_EVENTS));

/** Live updates (the inbox's conversations, the editor's workflow runs) for one workspace the signed-in member belongs to. */
export const GET = route(async (request: Request) => {
  const user = await requireSessionUser();
  const { workspaceId } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const access = await getWorkspaceAccess(user.id, workspaceId);
  // Someone seen for the first time on this workspace starts Available for round robin.
  await runService({ workspace: { id: workspaceId, plan: access.workspace.plan }, actor: { type: "user", userId: user.id, role: access.role } }, joinRoundRobin, undefined);
  // An open stream is what "active in the app" means (lib/live/agent-activity, the one record the
  // "unanswered" mail and round robin both read): recorded now and while it stays open, so no
  // mail goes to someone who has Parley open, and an Available agent stays available (closing
  // every tab makes them Away after PARLEY_AGENT_IDLE_MINUTES). Back from idle: their waiting
  // round-robin conversations are given out.
  const touch = async () => {
    try {
      const { returned } = await touchAgentActivity(getDb(), user.id);
      if (returned) await requestRoundRobinDrainsForAgent(getDb(), user.id);
    } catch (error: unknown) {
      logger.error({ err: error }, "could not record an agent's activity");
    }
  };
  await touch();
  const activity = setInterval(() => void touch(), ACTIVITY_REFRESH_MS);
  request.signal.addEventListener("abort", () => clearInterval(activity), { once: true });
  return liveEventStream(
    request,
    async (signal) => {
      if (signal.kind === "resync") return { event: "resync", data: {} };
      if (signal.event.workspaceId !== workspaceId) return null;
      // Runs of a workflow moved: the editor reads its step counts again. Not a `change`, which
      // would make every open inbox of the workspace re-render for nothing.
      if (signal.event.workflowId) return { event: "workflow", data: { type: signal.event.type, workflowId: signal.event.workflowId } };
      // Typing and seen: shown by the open thread, never a reason to re-render the inbox.
      if (PRESENCE_TYPES.has(signal.event.type)) {
        const { type, conversationId, userId, name, messageId } = signal.event;
        return { event: "presence", data: { type, conversationId: conversationId ?? null, userId: userId ?? null, name: name ?? null, messageId: messageId ?? null } };
      }
      // What concerns this agent personally rides on the same event: the browser shows it
      // (desktop notification, tab title count) once per event across its tabs.
      const notification = await liveNotificationFor(getDb(), user.id, signal.event);
      return { event: "change", data: { type: signal.event.type, conversationId: signal.event.conversationId ?? null, notification } };
    },
    // A reconnect (to this web process or another) replays the workspace's events it missed.
    { workspaceId },
    // Removed from the workspace while the inbox is open: the stream ends instead of going on, at
    // once when the removal's own event arrives (after a lost connection too), else on the interval.
    {
      stillAllowed: async () => (await findWorkspaceAccess(user.id, workspaceId)) !== null,
      recheckOn: (signal) =>
        signal.kind === "resync" || (signal.event.type === "member.removed" && signal.event.workspaceId === workspaceId && signal.event.userId === user.id),
    },
  );
});
