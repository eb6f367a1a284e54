import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { startConversationBodySchema } from "@/lib/api/schemas/conversations";
import { startConversationRequest } from "@/lib/api/start-conversation-request";

export const dynamic = "force-dynamic";

/** Start a conversation (the API's Start a Conversation node). */
export const POST = apiRoute({
  scope: "conversations:write",
  params: z.object({}),
  body: startConversationBodySchema,
  handler: ({ ctx, body }) => startConversationRequest(ctx, body),
});
