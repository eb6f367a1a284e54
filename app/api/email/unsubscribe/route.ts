import { and, eq } from "drizzle-orm";
import { route } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/client";
import { workspaces } from "@/lib/db/schema/workspaces";
import { unsubscribeFromEmail } from "@/lib/email/email-consent";
import { verifyUnsubscribe } from "@/lib/email/unsubscribe-link";
import { SafeError } from "@/lib/errors";
import { escapeHtml } from "@/lib/rich-text/html-serializer";
import { runService } from "@/lib/services/run-service";
import { uuidSchema } from "@/lib/validation/uuid";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";

export const dynamic = "force-dynamic";

async function verified(request: Request) {
  const url = new URL(request.url);
  const workspaceId = url.searchParams.get("w") ?? "";
  const contactId = url.searchParams.get("c") ?? "";
  const signature = url.searchParams.get("s") ?? "";
  if (!uuidSchema.safeParse(workspaceId).success || !uuidSchema.safeParse(contactId).success || !verifyUnsubscribe(workspaceId, contactId, signature)) {
    throw new SafeError("invalid_link", "This unsubscribe link is not valid.");
  }
  const [workspace] = await getDb()
    .select({ id: workspaces.id, plan: workspaces.plan, name: workspaces.name })
    .from(workspaces)
    .where(and(eq(workspaces.id, workspaceId), workspaceIsLive()));
  if (!workspace) throw new SafeError("invalid_link", "This unsubscribe link is not valid.");
  return { workspace, contactId };
}

function page(title: string, body: string): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111827"><main><h1 style="font-size:1.25rem">${escapeHtml(title)}</h1>${body}</main></body></html>`,
    { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } },
  );
}

/**
 * A person clicking the link in the email: a page with one button. Opening the link alone never
 * unsubscribes (mail scanners open links); the button posts, as a mail client's one-click does.
 */
export const GET = route(async (request: Request) => {
  const { workspace } = await verified(request);
  const action = escapeHtml(new URL(request.url).search);
  return page(
    `Unsubscribe from ${workspace.name}`,
    `<p>You will no longer receive emails from ${escapeHtml(workspace.name)}.</p>` +
      `<form method="post" action="${action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit" style="padding:.5rem 1rem;font-size:1rem">Unsubscribe</button></form>`,
  );
});

/** RFC 8058 one-click: the mail client (or the page's button) posts List-Unsubscribe=One-Click. */
export const POST = route(async (request: Request) => {
  const { workspace, contactId } = await verified(request);
  await runService({ workspace: { id: workspace.id, plan: workspace.plan }, actor: { type: "contact", contactId } }, unsubscribeFromEmail, { contactId, source: "list-unsubscribe" });
  return page("You are unsubscribed", `<p>${escapeHtml(workspace.name)} will send you no more emails.</p>`);
});
