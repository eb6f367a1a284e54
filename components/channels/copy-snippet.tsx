"use client";

import { Check, Copy } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";

/** A read-only code block with a Copy button; the textarea also lets a person select it by hand. */
export function CopySnippet({ label, value, rows = 3 }: { label: string; value: string; rows?: number }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="grid gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        <Button
          variant="ghost"
          size="sm"
          onClick={async () => {
            await navigator.clipboard.writeText(value).catch(() => {});
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          }}
        >
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied ? "Copied" : `Copy`}
          <span className="sr-only"> {label}</span>
        </Button>
      </div>
      <textarea
        id={id}
        readOnly
        rows={rows}
        value={value}
        onFocus={(event) => event.currentTarget.select()}
        className="w-full resize-none rounded-md border bg-subtle px-3 py-2 font-mono text-xs text-foreground"
      />
    </div>
  );
}
