import { z } from "zod";
import { findWorkspaceAccess, getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { route } from "@/lib/api/route-handler";
import { liveEventStream } from "@/lib/live/sse";
import { touchAgentActivity } from "@/lib/round-robin/round-robin-settings";
import { runService } from "@/lib/services/run-service";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

const querySchema = z.object({ workspaceId: uuidSchema });

/** Live updates (the inbox's conversations, the editor's workflow runs) for one workspace the signed-in member belongs to. */
export const GET = route(async (request: Request) => {
  const user = await requireSessionUser();
  const { workspaceId } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const access = await getWorkspaceAccess(user.id, workspaceId);
  // An open tab keeps its agent available for round robin (closing every tab makes them Away
  // after PARLEY_AGENT_IDLE_MINUTES): touched on connect and on each re-check, one upsert each.
  const touch = (role: typeof access.role) =>
    runService({ workspace: { id: workspaceId, plan: access.workspace.plan }, actor: { type: "user", userId: user.id, role } }, touchAgentActivity, undefined);
  await touch(access.role);
  return liveEventStream(
    request,
    (signal) => {
      if (signal.kind === "resync") return { event: "resync", data: {} };
      if (signal.event.workspaceId !== workspaceId) return null;
      // Runs of a workflow moved: the editor reads its step counts again. Not a `change`, which
      // would make every open inbox of the workspace re-render for nothing.
      if (signal.event.workflowId) return { event: "workflow", data: { type: signal.event.type, workflowId: signal.event.workflowId } };
      return { event: "change", data: { type: signal.event.type, conversationId: signal.event.conversationId ?? null } };
    },
    // Removed from the workspace while the inbox is open: the stream ends instead of going on, at
    // once when the removal's own event arrives (after a lost connection too), else on the interval.
    {
      stillAllowed: async () => {
        const still = await findWorkspaceAccess(user.id, workspaceId);
        if (still) await touch(still.role);
        return still !== null;
      },
      recheckOn: (signal) =>
        signal.kind === "resync" || (signal.event.type === "member.removed" && signal.event.workspaceId === workspaceId && signal.event.userId === user.id),
    },
  );
});
