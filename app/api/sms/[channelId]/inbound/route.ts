import { route } from "@/lib/api/route-handler";
import { receiveInboundSms } from "@/lib/sms/inbound";
import { twimlResponse, readTwilioWebhook } from "@/lib/sms/twilio-webhook";
import { SafeError } from "@/lib/errors";
import { runService } from "@/lib/services/run-service";

export const dynamic = "force-dynamic";

/** A text from a phone, as a Twilio-compatible provider posts it (signed with X-Twilio-Signature). */
export const POST = route(async (request: Request, context: { params: Promise<{ channelId: string }> }) => {
  const { channelId } = await context.params;
  const { channel, workspace, params } = await readTwilioWebhook(request, channelId);
  const from = params.get("From");
  const messageSid = params.get("MessageSid") ?? params.get("SmsSid");
  if (!from || !messageSid) throw new SafeError("invalid_input", "From and MessageSid are required.");
  const media = Number(params.get("NumMedia") ?? "0");
  const text = params.get("Body") ?? "";
  // The sender is a contact not yet known: the service finds (or creates) them by their number.
  const result = await runService({ workspace, actor: { type: "contact", contactId: null } }, receiveInboundSms, {
    channelId: channel.id,
    from,
    text: text.trim() === "" && media > 0 ? `(${media} media attachment${media === 1 ? "" : "s"})` : text,
    providerMessageId: messageSid,
  });
  // A keyword (STOP, START, HELP) is answered in the TwiML, once: a redelivery's answer is null.
  return twimlResponse(result.answer);
});
