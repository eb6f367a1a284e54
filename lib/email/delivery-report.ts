/**
 * A delivery status notification (RFC 3464: multipart/report; report-type=delivery-status) that
 * says a delivery failed permanently, or an abuse complaint (RFC 5965 ARF feedback report): the
 * addresses concerned. Null for any other email. Read from the raw text: the report's fields are
 * plain "Name: value" lines that mail servers write the same way everywhere.
 */
export function deliveryReport(raw: Buffer): { kind: "bounce" | "complaint"; addresses: string[]; detail: string } | null {
  // Reports are small; the first 256 KB hold the header and the report part.
  const text = raw.subarray(0, 256 * 1024).toString("latin1");
  const headerEnd = text.search(/\r?\n\r?\n/);
  const header = headerEnd === -1 ? text : text.slice(0, headerEnd);
  const contentType = /^content-type:\s*multipart\/report;([^\n]*(?:\n[ \t][^\n]*)*)/im.exec(header)?.[1] ?? null;
  if (!contentType) return null;
  const reportType = /report-type\s*=\s*"?([\w-]+)"?/i.exec(contentType)?.[1]?.toLowerCase();
  if (reportType === "delivery-status") {
    const addresses = new Set<string>();
    // Each recipient's block: Final-Recipient, Action and Status (5.x.x = permanent).
    const blocks = text.split(/\r?\n\r?\n/);
    for (const block of blocks) {
      const recipient = /^(?:final|original)-recipient:\s*rfc822\s*;\s*<?([^\s>]+@[^\s>]+)>?/im.exec(block)?.[1];
      const action = /^action:\s*(\w+)/im.exec(block)?.[1]?.toLowerCase();
      const status = /^status:\s*(\d)\./im.exec(block)?.[1];
      if (recipient && action === "failed" && status === "5") addresses.add(recipient.toLowerCase());
    }
    return addresses.size > 0 ? { kind: "bounce", addresses: [...addresses], detail: "Delivery failed permanently (DSN)." } : null;
  }
  if (reportType === "feedback-report") {
    const recipient = /^original-rcpt-to:\s*<?([^\s>]+@[^\s>]+)>?/im.exec(text)?.[1];
    return recipient ? { kind: "complaint", addresses: [recipient.toLowerCase()], detail: "The recipient reported the email as spam." } : null;
  }
  return null;
}
