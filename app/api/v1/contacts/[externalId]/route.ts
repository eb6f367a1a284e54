import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { externalIdParamSchema, upsertContactBodySchema } from "@/lib/api/schemas/contacts";
import { upsertContactRequest } from "@/lib/api/upsert-contact";

export const dynamic = "force-dynamic";

/** Create or update a contact by your external id. */
export const PUT = apiRoute({
  scope: "contacts:write",
  params: z.object({ externalId: externalIdParamSchema }),
  body: upsertContactBodySchema,
  handler: ({ tx, caller, params, body }) => upsertContactRequest(tx, caller, params.externalId, body),
});
