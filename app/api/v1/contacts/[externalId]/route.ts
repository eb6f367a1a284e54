import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { externalIdParamSchema, upsertContactBodySchema } from "@/lib/api/schemas/contacts";
import { serializeContact } from "@/lib/api/serialize";
import { upsertContact } from "@/lib/contacts/upsert-contact";

export const dynamic = "force-dynamic";

/** Create or update a contact by your external id: 201 when created, 200 when updated. */
export const PUT = apiRoute({
  scope: "contacts:write",
  params: z.object({ externalId: externalIdParamSchema }),
  body: upsertContactBodySchema,
  handler: async ({ ctx, params, body }) => {
    const { contact, created } = await upsertContact(ctx, { ...body, externalId: params.externalId });
    return { status: created ? 201 : 200, body: { contact: serializeContact(contact) } };
  },
});
