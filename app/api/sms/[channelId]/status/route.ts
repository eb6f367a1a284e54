import { route } from "@/lib/api/route-handler";
import { applyDeliveryStatus } from "@/lib/sms/delivery-status";
import { emptyTwiml, readTwilioWebhook } from "@/lib/sms/twilio-webhook";
import { SafeError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Delivery status of a text Parley sent (the StatusCallback given with each message). */
export const POST = route(async (request: Request, context: { params: Promise<{ channelId: string }> }) => {
  const { channelId } = await context.params;
  const { channel, params } = await readTwilioWebhook(request, channelId);
  const messageSid = params.get("MessageSid") ?? params.get("SmsSid");
  const status = params.get("MessageStatus") ?? params.get("SmsStatus");
  if (!messageSid || !status) throw new SafeError("invalid_input", "MessageSid and MessageStatus are required.");
  await applyDeliveryStatus({
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    providerMessageId: messageSid,
    status,
    errorCode: params.get("ErrorCode"),
  });
  return emptyTwiml();
});
