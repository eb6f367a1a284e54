import { NextResponse } from "next/server";
import { readRawBody } from "@/lib/api/read-json-body";
import { route } from "@/lib/api/route-handler";
import { recordSuppressions } from "@/lib/email/email-consent";
import { authenticateEmailWebhook } from "@/lib/email/inbound-webhook";
import { suppressionEvents } from "@/lib/email/provider-events";
import { SafeError } from "@/lib/errors";
import { runService } from "@/lib/services/run-service";

export const dynamic = "force-dynamic";

/**
 * A mail provider's delivery events (JSON), authenticated by the channel's inbound secret: hard
 * bounces and spam complaints mark the address bouncing, so Parley stops emailing it.
 */
export const POST = route(async (request: Request, context: { params: Promise<{ channelId: string }> }) => {
  const { channelId } = await context.params;
  const { workspace } = await authenticateEmailWebhook(request, channelId);
  let body: unknown;
  try {
    body = JSON.parse(await readRawBody(request));
  } catch (error) {
    if (error instanceof SafeError) throw error;
    throw new SafeError("malformed_json", "The body is not well-formed JSON.");
  }
  const events = suppressionEvents(body);
  const result = await runService({ workspace, actor: { type: "system" } }, recordSuppressions, { events });
  return NextResponse.json(result);
});
