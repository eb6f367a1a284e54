import { NextResponse } from "next/server";
import { route } from "@/lib/api/route-handler";
import { receiveInboundEmail } from "@/lib/email/inbound-email";
import { readInboundEmailWebhook } from "@/lib/email/inbound-webhook";
import { runService } from "@/lib/services/run-service";

export const dynamic = "force-dynamic";

/** An email a provider forwards (raw MIME), authenticated by the channel's inbound secret. */
export const POST = route(async (request: Request, context: { params: Promise<{ channelId: string }> }) => {
  const { channelId } = await context.params;
  const { workspace, raw } = await readInboundEmailWebhook(request, channelId);
  // The sender is not known yet: the service finds (or creates) the contact from the email.
  const result = await runService({ workspace, actor: { type: "contact", contactId: null } }, receiveInboundEmail, { channelId, raw });
  return NextResponse.json({ result: result.kind, ...("conversationId" in result ? { conversationId: result.conversationId } : {}) }, { status: 200 });
});
