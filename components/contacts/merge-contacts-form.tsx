"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { mergeContactsAction } from "@/lib/actions/contact-lifecycle";
import type { MergeRow } from "@/lib/contacts/contact-merge-rows";
import type { MergeSide } from "@/lib/contacts/contact-merge.validation";

type Side = { id: string; name: string };

/**
 * The two contacts side by side: a row per field and attribute, a radio pair where both have a
 * different value (the survivor's chosen by default), the value that will be kept otherwise.
 */
export function MergeContactsForm({ workspaceId, survivor, merged, rows }: { workspaceId: string; survivor: Side; merged: Side; rows: MergeRow[] }) {
  const router = useRouter();
  const [choices, setChoices] = useState<Record<string, MergeSide>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const pick = (kind: MergeRow["kind"]) => Object.fromEntries(rows.filter((row) => row.kind === kind && row.differs).map((row) => [row.key, choices[`${kind}:${row.key}`] ?? "survivor"]));
    const result = await mergeContactsAction({ workspaceId, survivorId: survivor.id, mergedId: merged.id, fields: pick("field"), attributes: pick("attribute") });
    if (!result.ok) {
      setError(result.error);
      setPending(false);
      return;
    }
    router.replace(`/${workspaceId}/contacts/${survivor.id}`);
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} className="grid gap-4">
      <div className="overflow-x-auto rounded-lg border">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Fields of the two contacts; choose which value to keep where they differ</caption>
          <thead className="border-b bg-subtle text-xs text-muted-foreground uppercase">
            <tr>
              <th scope="col" className="px-4 py-2 font-semibold">Field</th>
              <th scope="col" className="px-4 py-2 font-semibold">{survivor.name} (kept)</th>
              <th scope="col" className="px-4 py-2 font-semibold">{merged.name} (merged in)</th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {rows.map((row) => {
              const name = `${row.kind}:${row.key}`;
              const labelId = `merge-${row.kind}-${row.key}`;
              if (!row.differs) {
                const value = row.survivor ?? row.merged;
                return (
                  <tr key={name}>
                    <th scope="row" className="px-4 py-2 font-medium break-words">{row.label}</th>
                    <td colSpan={2} className="px-4 py-2 text-muted-foreground [overflow-wrap:anywhere]">
                      {value ?? "—"}
                    </td>
                  </tr>
                );
              }
              const choice = choices[name] ?? "survivor";
              return (
                <tr key={name}>
                  <th scope="row" id={labelId} className="px-4 py-2 font-medium break-words">{row.label}</th>
                  <td colSpan={2} className="px-4 py-2">
                    <RadioGroup
                      aria-labelledby={labelId}
                      value={choice}
                      onValueChange={(value) => setChoices((current) => ({ ...current, [name]: value as MergeSide }))}
                      className="grid gap-2 sm:grid-cols-2"
                    >
                      {(["survivor", "merged"] as const).map((side) => (
                        <label key={side} className="flex min-w-0 items-center gap-2">
                          <RadioGroupItem value={side} aria-label={`${row.label}: ${row[side]}`} />
                          <span className="min-w-0 [overflow-wrap:anywhere]">{row[side]}</span>
                        </label>
                      ))}
                    </RadioGroup>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Merging…" : `Merge into ${survivor.name}`}
        </Button>
        <p className="text-xs text-muted-foreground">
          {merged.name}’s conversations, chat sessions, workflow runs and tags move to {survivor.name}; their external id keeps working. This cannot be undone.
        </p>
      </div>
    </form>
  );
}
