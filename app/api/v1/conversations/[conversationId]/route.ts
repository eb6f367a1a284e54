import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { readConversation } from "@/lib/api/read-conversation";

export const dynamic = "force-dynamic";

/** A conversation with its messages. */
export const GET = apiRoute({
  scope: "conversations:read",
  params: z.object({ conversationId: z.uuid() }),
  body: undefined,
  handler: async ({ tx, caller, params }) => ({
    status: 200,
    body: { conversation: await readConversation(tx, caller.workspaceId, params.conversationId) },
  }),
});
