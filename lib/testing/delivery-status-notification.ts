import { randomUUID } from "node:crypto";

/**
 * A delivery status notification (RFC 3464) as a receiving server's mailer-daemon sends it: a
 * multipart/report saying each of `failedRecipients` failed permanently (5.1.1), sent to `to`.
 */
export function deliveryStatusNotification(to: string, failedRecipients: string[]): Buffer {
  return Buffer.from(
    [
      "From: Mail Delivery Subsystem <mailer-daemon@mx.example.com>",
      `To: ${to}`,
      "Subject: Undelivered Mail Returned to Sender",
      `Message-ID: <dsn-${randomUUID()}@mx.example.com>`,
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="DSN"',
      "",
      "--DSN",
      "Content-Type: text/plain",
      "",
      "Your message could not be delivered.",
      "",
      "--DSN",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.com",
      "",
      ...failedRecipients.flatMap((address) => [`Final-Recipient: rfc822; ${address}`, "Action: failed", "Status: 5.1.1", ""]),
      "--DSN--",
      "",
    ].join("\r\n"),
  );
}
