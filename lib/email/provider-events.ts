import { z } from "zod";

export type SuppressionEvent = { address: string; reason: "bounce" | "complaint"; detail: string };

// What providers post about delivery, reduced to the events that stop Parley emailing an address:
// a hard (permanent) bounce or a spam complaint. Anything else (deliveries, opens, soft bounces)
// is acknowledged and ignored.
const parley = z.object({ type: z.enum(["bounce", "complaint"]), address: z.email() });
const postmark = z.object({ RecordType: z.enum(["Bounce", "SpamComplaint"]), Type: z.string().optional(), Email: z.email() });
const sendgrid = z.array(z.object({ event: z.string(), email: z.string(), type: z.string().optional() }).loose());
const mailgun = z.object({
  "event-data": z.object({ event: z.string(), severity: z.string().optional(), recipient: z.string() }).loose(),
});

/** The suppressions a provider's delivery webhook body asks for (Parley's own shape, Postmark, SendGrid, Mailgun). */
export function suppressionEvents(body: unknown): SuppressionEvent[] {
  const own = parley.safeParse(body);
  if (own.success) return [{ address: own.data.address, reason: own.data.type, detail: `Reported by the provider (${own.data.type}).` }];
  const pm = postmark.safeParse(body);
  if (pm.success) {
    if (pm.data.RecordType === "SpamComplaint") return [{ address: pm.data.Email, reason: "complaint", detail: "Postmark: spam complaint." }];
    return pm.data.Type === "HardBounce" ? [{ address: pm.data.Email, reason: "bounce", detail: "Postmark: hard bounce." }] : [];
  }
  const sg = sendgrid.safeParse(body);
  if (sg.success) {
    return sg.data.flatMap((event): SuppressionEvent[] => {
      if (event.event === "spamreport") return [{ address: event.email, reason: "complaint", detail: "SendGrid: spam report." }];
      if (event.event === "bounce" && event.type !== "blocked") return [{ address: event.email, reason: "bounce", detail: "SendGrid: bounce." }];
      return [];
    });
  }
  const mg = mailgun.safeParse(body);
  if (mg.success) {
    const data = mg.data["event-data"];
    if (data.event === "complained") return [{ address: data.recipient, reason: "complaint", detail: "Mailgun: complaint." }];
    if (data.event === "failed" && data.severity === "permanent") return [{ address: data.recipient, reason: "bounce", detail: "Mailgun: permanent failure." }];
  }
  return [];
}
