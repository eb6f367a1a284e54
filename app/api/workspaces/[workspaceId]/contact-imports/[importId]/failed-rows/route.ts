import { route } from "@/lib/api/route-handler";
import { assertRole, getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { failuresCsvStream, getContactImport } from "@/lib/db/queries/contact-imports";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

/** The rows an import could not write, as CSV (the file's columns, then line and reason). */
export const GET = route(async (_request: Request, context: { params: Promise<{ workspaceId: string; importId: string }> }) => {
  const user = await requireSessionUser();
  const { workspaceId, importId } = await context.params;
  if (!uuidSchema.safeParse(workspaceId).success || !uuidSchema.safeParse(importId).success) throw notFound("That import");
  const access = await getWorkspaceAccess(user.id, workspaceId);
  assertRole(access, "admin");
  const job = await getContactImport(getDb(), access.workspace.id, importId);
  if (!job) throw notFound("That import");
  const base = job.fileName.replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_") || "import";
  return new Response(failuresCsvStream(getDb(), job), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${base}-failed-rows.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
