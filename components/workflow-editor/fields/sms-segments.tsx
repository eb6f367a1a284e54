"use client";

import { useMemo } from "react";
import type { RichTextDocument } from "@/lib/rich-text/document-schema";
import { documentToPlainText } from "@/lib/rich-text/render";
import { smsSegments } from "@/lib/sms/segments";

/** How many SMS the message costs, as the network counts them; variables are counted as written. */
export function SmsSegments({ id, message }: { id: string; message: RichTextDocument }) {
  const count = useMemo(() => smsSegments(documentToPlainText(message).trim()), [message]);
  const hasVariables = useMemo(() => JSON.stringify(message).includes('"type":"variable"'), [message]);
  return (
    <p id={id} className="text-xs text-muted-foreground" aria-live="polite" data-testid="sms-segments">
      SMS: {count.units} {count.encoding === "GSM-7" ? "characters" : "UCS-2 units"} · {count.segments} {count.segments === 1 ? "segment" : "segments"}{" "}
      ({count.encoding}, {count.remaining} left in this segment)
      {hasVariables ? " · variables are counted as written; the length varies by contact" : ""}
    </p>
  );
}
