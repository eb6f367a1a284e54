import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { externalIdParamSchema, upsertContactBodySchema } from "@/lib/api/schemas/contacts";
import { serializeContact } from "@/lib/api/serialize";
import { applyContactConsents, readContactConsent } from "@/lib/consent/contact-consent";
import { eraseContact } from "@/lib/contacts/contact-erasure";
import { resolveContact } from "@/lib/contacts/resolve-contact";
import { upsertContact } from "@/lib/contacts/upsert-contact";

export const dynamic = "force-dynamic";

/** Create or update a contact by your external id: 201 when created, 200 when updated. */
export const PUT = apiRoute({
  scope: "contacts:write",
  params: z.object({ externalId: externalIdParamSchema }),
  body: upsertContactBodySchema,
  handler: async ({ ctx, params, body }) => {
    const { consent, ...fields } = body;
    const { contact, created } = await upsertContact(ctx, { ...fields, externalId: params.externalId });
    if (consent) await applyContactConsents(ctx, { contactId: contact.id, consent, via: "api" });
    return { status: created ? 201 : 200, body: { contact: serializeContact(contact, await readContactConsent(ctx.tx, ctx.workspace.id, contact)) } };
  },
});

/** Erase the contact with this external id (or merged-away id) and everything that is theirs. */
export const DELETE = apiRoute({
  scope: "contacts:delete",
  params: z.object({ externalId: externalIdParamSchema }),
  body: undefined,
  handler: async ({ ctx, params }) => {
    const contact = await resolveContact(ctx.tx, ctx.workspace.id, { externalId: params.externalId });
    const erased = await eraseContact(ctx, { contactId: contact.id });
    return { status: 200, body: { erased: { id: erased.contactId, externalId: erased.externalId } } };
  },
});
