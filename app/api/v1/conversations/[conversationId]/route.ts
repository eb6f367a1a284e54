import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { readConversation } from "@/lib/api/read-conversation";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/** A conversation with its messages. */
export const GET = apiRoute({
  scope: "conversations:read",
  params: z.object({ conversationId: uuidSchema }),
  body: undefined,
  handler: async ({ ctx, params }) => ({
    status: 200,
    body: { conversation: await readConversation(ctx.tx, ctx.workspace.id, params.conversationId) },
  }),
});
