import { z } from "zod";
import { findWorkspaceAccess, getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { route } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/client";
import { PRESENCE_EVENTS } from "@/lib/live/presence";
import { liveEventStream, sharedPerEvent } from "@/lib/live/sse";
import { staggeredInterval } from "@/lib/live/staggered-interval";
import type { SseMessage } from "@/lib/live/stream-writer";
import { ACTIVITY_REFRESH_MS, touchAgentActivity } from "@/lib/live/agent-activity";
import { liveNotificationFor, mayConcern } from "@/lib/notifications/live-notification";
import { requestRoundRobinDrainsForAgent } from "@/lib/round-robin/round-robin-drain-task";
import { joinRoundRobin } from "@/lib/round-robin/round-robin-settings";
import { runService } from "@/lib/services/run-service";
import { uuidSchema } from "@/lib/validation/uuid";
import { logger } from "@/lib/logging/logger";

export const dynamic = "force-dynamic";

const querySchema = z.object({ workspaceId: uuidSchema });

const PRESENCE_TYPES = new Set<string>(Object.values(PRESENCE_EVENTS));

const RESYNC = { event: "resync", data: {} };
const workflowMessage = sharedPerEvent((event) => ({ event: "workflow", data: { type: event.type, workflowId: event.workflowId } }));
const presenceMessage = sharedPerEvent(({ type, conversationId, userId, name, messageId }) => ({
  event: "presence",
  data: { type, conversationId: conversationId ?? null, userId: userId ?? null, name: name ?? null, messageId: messageId ?? null },
}));
/**
 * The `change` of every agent an event does not concern. Several of one type in a row (a busy
 * workspace) leave a stream as one, naming each conversation: all an inbox does with them is
 * re-render (the editor reads the type), so one message does what many did.
 */
const mergeChanges = (messages: SseMessage[]): SseMessage => {
  const first = messages[0]!.data as { type: string };
  const conversationIds = [...new Set(messages.map((message) => (message.data as { conversationId: string | null }).conversationId).filter((id) => id !== null))];
  return { event: "change", data: { type: first.type, conversationId: null, conversationIds, notification: null } };
};
const plainChange = sharedPerEvent(
  (event): SseMessage => ({
    event: "change",
    data: { type: event.type, conversationId: event.conversationId ?? null, notification: null },
    batch: { key: event.type, merge: mergeChanges },
  }),
);

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
  request.signal.addEventListener("abort", staggeredInterval(() => void touch(), ACTIVITY_REFRESH_MS), { once: true });
  return liveEventStream(
    request,
    (signal) => {
      if (signal.kind === "resync") return RESYNC;
      const { event } = signal;
      if (event.workspaceId !== workspaceId) return null;
      // Runs of a workflow moved: the editor reads its step counts again. Not a `change`, which
      // would make every open inbox of the workspace re-render for nothing.
      if (event.workflowId) return workflowMessage(event);
      // Typing and seen: shown by the open thread, never a reason to re-render the inbox.
      if (PRESENCE_TYPES.has(event.type)) return presenceMessage(event);
      // What concerns this agent personally rides on the same event: the browser shows it
      // (desktop notification, tab title count) once per event across its tabs. Most events
      // concern nobody or one agent: every other stream passes on the same message, at once.
      if (!mayConcern(user.id, event)) return plainChange(event);
      return liveNotificationFor(getDb(), user.id, event).then((notification) =>
        notification ? { event: "change", data: { type: event.type, conversationId: event.conversationId ?? null, notification } } : plainChange(event),
      );
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
