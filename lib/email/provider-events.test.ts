import { describe, expect, it } from "vitest";
import { suppressionEvents } from "./provider-events";

describe("suppressionEvents: what a provider's delivery webhook asks Parley to stop", () => {
  it("reads hard bounces and complaints from Parley's own shape, Postmark, SendGrid and Mailgun", () => {
    expect(suppressionEvents({ type: "bounce", address: "a@example.com" })).toMatchObject([{ address: "a@example.com", reason: "bounce" }]);
    expect(suppressionEvents({ RecordType: "Bounce", Type: "HardBounce", Email: "b@example.com" })).toMatchObject([{ address: "b@example.com", reason: "bounce" }]);
    expect(suppressionEvents({ RecordType: "SpamComplaint", Email: "c@example.com" })).toMatchObject([{ address: "c@example.com", reason: "complaint" }]);
    expect(suppressionEvents([{ event: "delivered", email: "x@example.com" }, { event: "bounce", email: "d@example.com" }, { event: "spamreport", email: "e@example.com" }])).toMatchObject([
      { address: "d@example.com", reason: "bounce" },
      { address: "e@example.com", reason: "complaint" },
    ]);
    expect(suppressionEvents({ "event-data": { event: "failed", severity: "permanent", recipient: "f@example.com" } })).toMatchObject([{ address: "f@example.com", reason: "bounce" }]);
  });

  it("ignores soft bounces, deliveries and anything it does not know", () => {
    expect(suppressionEvents({ RecordType: "Bounce", Type: "SoftBounce", Email: "b@example.com" })).toEqual([]);
    expect(suppressionEvents({ "event-data": { event: "failed", severity: "temporary", recipient: "f@example.com" } })).toEqual([]);
    expect(suppressionEvents([{ event: "bounce", type: "blocked", email: "g@example.com" }])).toEqual([]);
    expect(suppressionEvents({ hello: "world" })).toEqual([]);
  });
});
