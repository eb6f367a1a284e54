import { z } from "zod";
import { workspaceReadRoute } from "@/lib/api/workspace-read-route";
import { contactListFilterFromSearchParams } from "@/lib/contacts/contact-list-params";
import { countMatchingContacts } from "@/lib/contacts/count-matching-contacts";

export const dynamic = "force-dynamic";

/** How many contacts the list's filter (its URL's search params) matches; read when "Delete matching contacts" opens. */
export const GET = workspaceReadRoute({
  params: z.object({}),
  query: z.record(z.string(), z.string()),
  handler: async ({ db, access, query }) => {
    const { filter, unsearchable } = contactListFilterFromSearchParams(query);
    return { count: unsearchable ? 0 : await countMatchingContacts(db, access.workspace.id, filter) };
  },
});
