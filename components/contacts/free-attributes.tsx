"use client";

import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { InlineStatus } from "@/components/ui/inline-status";
import { updateContactAction } from "@/lib/actions/contacts";

/**
 * A contact's attributes without a definition (set through the API or an import), as stored; each
 * can be removed. Typing one is done once for everyone, in Settings › Contact attributes.
 */
export function FreeAttributes({ workspaceId, contactId, attributes }: { workspaceId: string; contactId: string; attributes: [key: string, text: string][] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold">Other attributes</h3>
      <p className="mb-2 text-xs text-muted-foreground">Set through the API or an import, without a definition in Settings › Contact attributes.</p>
      <dl className="grid grid-cols-[7rem_1fr_auto] items-center gap-x-3 gap-y-1 text-sm">
        {attributes.map(([key, text]) => (
          <div key={key} className="contents">
            <dt className="min-w-0 text-muted-foreground [overflow-wrap:anywhere]">{key}</dt>
            <dd className="min-w-0 [overflow-wrap:anywhere]">{text}</dd>
            <dd>
              <button
                type="button"
                className="rounded-sm p-1 text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
                aria-label={`Remove attribute ${key}`}
                disabled={pending}
                onClick={() =>
                  startTransition(async () => {
                    const result = await updateContactAction({ workspaceId, contactId, attributes: { [key]: null } });
                    setError(result.ok ? null : result.error);
                    if (result.ok) router.refresh();
                  })
                }
              >
                <X className="size-3.5" aria-hidden />
              </button>
            </dd>
          </div>
        ))}
      </dl>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
    </div>
  );
}
