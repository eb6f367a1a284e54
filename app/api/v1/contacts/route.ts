import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { listContactsRequest } from "@/lib/api/list-contacts-request";
import { listContactsQuerySchema } from "@/lib/api/schemas/contacts";

export const dynamic = "force-dynamic";

/** List contacts: filtered by email, phone, external id, tag or last change, a cursor page at a time. */
export const GET = apiRoute({
  scope: "contacts:read",
  params: z.object({}),
  query: listContactsQuerySchema,
  body: undefined,
  handler: ({ ctx, query }) => listContactsRequest(ctx, query),
});
