import { and, eq } from "drizzle-orm";
import { readRawBody } from "@/lib/api/read-json-body";
import { getDb } from "@/lib/db/client";
import { channels, type Channel } from "@/lib/db/schema/channels";
import { workspaces } from "@/lib/db/schema/workspaces";
import { SafeError } from "@/lib/errors";
import type { ServiceWorkspace } from "@/lib/services/service-context";
import { parseFormBody } from "@/lib/validation/form-body";
import { uuidSchema } from "@/lib/validation/uuid";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";
import { readSmsConfig } from "./channel-config";
import { publicBaseUrl } from "@/lib/urls/app-link";
import { verifyTwilioSignature } from "./twilio-signature";

/**
 * A verified provider webhook for an SMS channel: the channel must exist, be an SMS channel on a
 * Twilio-compatible provider, and the request must carry a valid X-Twilio-Signature for its
 * auth token. Anything else is 403/404 before the body is looked at.
 */
export async function readTwilioWebhook(
  request: Request,
  channelId: string,
): Promise<{ channel: Channel; workspace: ServiceWorkspace; params: URLSearchParams }> {
  const refused = () => new SafeError("invalid_signature", "This webhook is not valid.");
  if (!uuidSchema.safeParse(channelId).success) throw new SafeError("not_found", "No such channel.");
  const [found] = await getDb()
    .select({ channel: channels, plan: workspaces.plan })
    .from(channels)
    .innerJoin(workspaces, and(eq(workspaces.id, channels.workspaceId), workspaceIsLive()))
    .where(and(eq(channels.id, channelId), eq(channels.kind, "sms")));
  const config = found ? readSmsConfig(found.channel.config) : null;
  if (!found || config?.provider !== "twilio") throw new SafeError("not_found", "No such channel.");
  const { channel } = found;

  const raw = await readRawBody(request, 64 * 1024);
  const params = parseFormBody(raw);
  const url = new URL(request.url);
  const base = publicBaseUrl();
  const candidates = [url.toString(), ...(base ? [`${base}${url.pathname}${url.search}`] : [])];
  if (!verifyTwilioSignature(config.authToken, request.headers.get("x-twilio-signature"), candidates, [...params.entries()])) throw refused();
  return { channel, workspace: { id: channel.workspaceId, plan: found.plan }, params };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/**
 * A TwiML answer: empty ("received, nothing to send back"; replies go out through the outbox), or
 * one text the provider sends back at once (the answer to STOP, START or HELP).
 */
export function twimlResponse(answer?: string | null): Response {
  const body = answer ? `<Message>${escapeXml(answer)}</Message>` : "";
  return new Response(`<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`, {
    status: 200,
    headers: { "Content-Type": "text/xml; charset=utf-8" },
  });
}
