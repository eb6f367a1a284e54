import { route } from "@/lib/api/route-handler";
import { applyDeliveryStatus } from "@/lib/sms/delivery-status";
import { twimlResponse, readTwilioWebhook } from "@/lib/sms/twilio-webhook";
import { SafeError } from "@/lib/errors";
import { runService } from "@/lib/services/run-service";

export const dynamic = "force-dynamic";

/** Delivery status of a text Parley sent (the StatusCallback given with each message). */
export const POST = route(async (request: Request, context: { params: Promise<{ channelId: string }> }) => {
  const { channelId } = await context.params;
  const { channel, workspace, params } = await readTwilioWebhook(request, channelId);
  const messageSid = params.get("MessageSid") ?? params.get("SmsSid");
  const status = params.get("MessageStatus") ?? params.get("SmsStatus");
  if (!messageSid || !status) throw new SafeError("invalid_input", "MessageSid and MessageStatus are required.");
  // The provider reports on a text Parley sent: Parley itself records it.
  await runService({ workspace, actor: { type: "system" } }, applyDeliveryStatus, {
    channelId: channel.id,
    providerMessageId: messageSid,
    status,
    errorCode: params.get("ErrorCode"),
  });
  return twimlResponse();
});
