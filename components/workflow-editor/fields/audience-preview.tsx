"use client";

import { Users } from "lucide-react";
import { useEffect, useState } from "react";
import type { AudienceFilter } from "@/lib/workflow/audience/audience-filter";
import { useEditorActions } from "@/components/workflow-editor/editor-actions-context";
import type { AudiencePreviewResult } from "@/components/workflow-editor/editor-actions";
import { useEditorContext } from "@/components/workflow-editor/editor-context";
import { countableFilter } from "@/components/audience-filter/audience-filter-model";
import { useDebouncedValue } from "./use-debounced-value";

/** How many contacts match right now, and a few of them, refreshed as the filter changes. */
export function AudiencePreview({ filter }: { filter: AudienceFilter }) {
  const { workspaceId } = useEditorContext();
  const actions = useEditorActions();
  const countable = countableFilter(filter);
  const key = JSON.stringify(countable);
  const debouncedKey = useDebouncedValue(key, 400);
  const [state, setState] = useState<{ key: string; result: AudiencePreviewResult } | { key: string; error: string } | null>(null);

  useEffect(() => {
    const parsed = JSON.parse(debouncedKey) as AudienceFilter | null;
    if (!parsed) return;
    let cancelled = false;
    void actions.previewAudience({ workspaceId, filter: parsed }).then((response) => {
      if (cancelled) return;
      setState(response.ok ? { key: debouncedKey, result: response.data } : { key: debouncedKey, error: response.error });
    });
    return () => {
      cancelled = true;
    };
  }, [debouncedKey, workspaceId, actions]);

  const stale = state?.key !== key;
  return (
    <section aria-label="Matching contacts" aria-busy={stale} className="grid gap-2 rounded-md border bg-subtle p-3" data-testid="audience-preview">
      {state === null ? <p className="text-sm text-muted-foreground">Counting matching contacts…</p> : null}
      {state && "error" in state ? <p className="text-sm text-destructive-soft-foreground">{state.error}</p> : null}
      {state && "result" in state ? (
        <>
          <p className="flex items-center gap-2 text-sm font-medium" role="status">
            <Users className="size-4 text-muted-foreground" aria-hidden />
            <span className={stale ? "opacity-60" : undefined}>
              {state.result.count.toLocaleString("en")} {state.result.count === 1 ? "contact matches" : "contacts match"} now
            </span>
          </p>
          {state.result.sample.length ? (
            <ul className="grid gap-0.5 text-xs text-muted-foreground">
              {state.result.sample.map((contact) => (
                <li key={contact.id} className="truncate">
                  {contact.name}
                  {contact.email ? <span> · {contact.email}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
