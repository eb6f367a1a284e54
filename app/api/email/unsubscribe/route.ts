import { NextResponse } from "next/server";
import { readRawBody } from "@/lib/api/read-json-body";
import { route } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/client";
import { unsubscribeFromEmail } from "@/lib/email/email-consent";
import { readUnsubscribeLink, UNSUBSCRIBE_PAGE_PATH } from "@/lib/email/unsubscribe-link";
import { SafeError } from "@/lib/errors";
import { runService } from "@/lib/services/run-service";
import { appLink } from "@/lib/urls/app-link";

export const dynamic = "force-dynamic";

async function verified(request: Request) {
  const link = await readUnsubscribeLink(getDb(), Object.fromEntries(new URL(request.url).searchParams));
  if (!link) throw new SafeError("invalid_link", "This unsubscribe link is not valid.");
  return link;
}

/**
 * A person opening the link (from the email's footer, or a mail client showing it): the
 * unsubscribe page, an app page, whose button posts here. Opening the link alone never
 * unsubscribes (mail scanners open links). An API route's own policy allows no form at all,
 * which is why the page is a page.
 */
export const GET = route(async (request: Request) => {
  return NextResponse.redirect(appLink(`${UNSUBSCRIBE_PAGE_PATH}${new URL(request.url).search}`), 303);
});

/**
 * RFC 8058 one-click: the mail client posts List-Unsubscribe=One-Click and gets 200. The page's
 * button posts the same with then=page, and is sent back to the page, which now says it is done.
 */
export const POST = route(async (request: Request) => {
  const link = await verified(request);
  await runService({ workspace: { id: link.workspace.id, plan: link.workspace.plan }, actor: { type: "contact", contactId: link.contactId } }, unsubscribeFromEmail, {
    contactId: link.contactId,
    source: "list-unsubscribe",
  });
  const form = new URLSearchParams(await readRawBody(request, 4096).catch(() => ""));
  if (form.get("then") === "page") return NextResponse.redirect(appLink(`${UNSUBSCRIBE_PAGE_PATH}?${link.query}`), 303);
  return new Response(`${link.workspace.name} will send you no more emails.\n`, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
});
