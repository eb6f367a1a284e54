import { z } from "zod";
import { workspaceReadRoute } from "@/lib/api/workspace-read-route";
import { assertRole } from "@/lib/auth/membership";
import { getContactImport, importProgress } from "@/lib/db/queries/contact-imports";
import { notFound } from "@/lib/errors";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/** An import's progress, polled by its page's progress bar. */
export const GET = workspaceReadRoute({
  params: z.object({ importId: uuidSchema }),
  handler: async ({ db, access, params }) => {
    assertRole(access, "admin");
    const job = await getContactImport(db, access.workspace.id, params.importId);
    if (!job) throw notFound("That import");
    return importProgress(job);
  },
});
