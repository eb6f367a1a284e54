import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { readIdempotencyKey } from "@/lib/api/idempotency";
import { postMessageRequest } from "@/lib/api/post-message-request";
import { postMessageBodySchema } from "@/lib/api/schemas/conversations";

export const dynamic = "force-dynamic";

/** Post a message to a conversation as the contact or as an agent. */
export const POST = apiRoute({
  scope: "conversations:write",
  params: z.object({ conversationId: z.uuid() }),
  body: postMessageBodySchema,
  handler: ({ tx, caller, params, body, request }) =>
    postMessageRequest(tx, caller, params.conversationId, body, readIdempotencyKey(request)),
});
