import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { readIdempotencyKey } from "@/lib/api/idempotency";
import { postMessageRequest } from "@/lib/api/post-message-request";
import { postMessageBodySchema } from "@/lib/api/schemas/conversations";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/** Post a message to a conversation as the contact or as an agent. */
export const POST = apiRoute({
  scope: "conversations:write",
  params: z.object({ conversationId: uuidSchema }),
  body: postMessageBodySchema,
  handler: ({ ctx, params, body, request }) =>
    postMessageRequest(ctx, { conversationId: params.conversationId, body, idempotencyKey: readIdempotencyKey(request) }),
});
