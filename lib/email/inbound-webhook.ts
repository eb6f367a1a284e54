import { timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { readRawBytes } from "@/lib/api/read-json-body";
import { hashSecretToken } from "@/lib/auth/secret-token";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { workspaces } from "@/lib/db/schema/workspaces";
import { SafeError } from "@/lib/errors";
import type { ServiceWorkspace } from "@/lib/services/service-context";
import { uuidSchema } from "@/lib/validation/uuid";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";
import { readEmailConfig } from "./channel-config";
import { MAX_INBOUND_EMAIL_BYTES } from "./inbound-email";

const FORM_OVERHEAD_BYTES = 256 * 1024;

/** The secret a request carries: `Authorization: Bearer <secret>`, or Basic with the secret as password (how Mailgun and Postmark put credentials in a forwarding URL). */
function presentedSecret(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon === -1 ? null : decoded.slice(colon + 1);
  }
  return null;
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The raw MIME of an email a provider forwards to an email channel, once the request is
 * authenticated by the channel's inbound secret (kept as a hash). Accepted as the whole body
 * (message/rfc822), or as a form field (Mailgun's "body-mime", SendGrid's raw "email").
 * Unknown channel: 404; missing or wrong secret: 401; both before the body is read.
 */
export async function readInboundEmailWebhook(request: Request, channelId: string): Promise<{ channelId: string; workspace: ServiceWorkspace; raw: Buffer }> {
  const { workspace } = await authenticateEmailWebhook(request, channelId);
  const type = request.headers.get("content-type") ?? "";
  let raw: Buffer;
  if (/^multipart\/form-data|^application\/x-www-form-urlencoded/i.test(type)) {
    // The form is read with a cap of its own (the email plus room for the provider's other fields);
    // the email inside it is held to MAX_INBOUND_EMAIL_BYTES by receiveInboundEmail.
    const body = await readRawBytes(request, MAX_INBOUND_EMAIL_BYTES + FORM_OVERHEAD_BYTES);
    const form = await new Request(request.url, { method: "POST", headers: { "content-type": type }, body: new Uint8Array(body) }).formData().catch(() => {
      throw new SafeError("invalid_input", "The form body could not be read.");
    });
    const field = form.get("body-mime") ?? form.get("email");
    if (field === null) throw new SafeError("invalid_input", "Send the raw email as the body, or in a body-mime or email form field.");
    raw = typeof field === "string" ? Buffer.from(field, "utf8") : Buffer.from(await field.arrayBuffer());
  } else {
    raw = await readRawBytes(request, MAX_INBOUND_EMAIL_BYTES);
  }
  if (raw.byteLength === 0) throw new SafeError("invalid_input", "The email is empty.");
  return { channelId, workspace, raw };
}

/** A request to an email channel's webhooks, authenticated by its inbound secret: 404 unknown channel, 401 missing or wrong secret. */
export async function authenticateEmailWebhook(request: Request, channelId: string): Promise<{ workspace: ServiceWorkspace }> {
  if (!uuidSchema.safeParse(channelId).success) throw new SafeError("not_found", "No such channel.");
  const [found] = await getDb()
    .select({ config: channels.config, workspaceId: channels.workspaceId, plan: workspaces.plan })
    .from(channels)
    .innerJoin(workspaces, and(eq(workspaces.id, channels.workspaceId), workspaceIsLive()))
    .where(and(eq(channels.id, channelId), eq(channels.kind, "email")));
  const config = found ? readEmailConfig(found.config) : null;
  if (!found || !config) throw new SafeError("not_found", "No such channel.");
  const secret = presentedSecret(request);
  if (!secret || !sameHash(hashSecretToken(secret), config.inboundSecretHash)) throw new SafeError("unauthorized", "The channel's inbound secret is missing or wrong.");
  return { workspace: { id: found.workspaceId, plan: found.plan } };
}
