"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";

/** A secret shown exactly once, with a copy button and a warning that it will not be shown again. */
export function SecretReveal({ label, secret, hint }: { label: string; secret: string; hint?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(secret).catch(() => {});
    setCopied(true);
  }
  return (
    <InlineStatus tone="success">
      <p className="font-medium">{label}</p>
      <p className="mt-1">{hint ?? "Copy it now: it will not be shown again."}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="revealed-secret" aria-label={label} className="rounded border bg-background px-2 py-1 font-mono text-xs break-all text-foreground">
          {secret}
        </code>
        <Button size="sm" variant="outline" onClick={copy}>
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </InlineStatus>
  );
}
