"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cancelContactImportAction, previewContactImportAction, startContactImportAction } from "@/lib/actions/contact-imports";
import { CONTACT_ATTRIBUTE_TYPE_LABELS, type ContactAttributeType } from "@/lib/contacts/attribute-types";
import type { ImportPreview } from "@/lib/contact-imports/contact-imports";
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, type ColumnMapping } from "@/lib/contact-imports/import-mapping";
import { CONSENT_KINDS } from "@/lib/consent/consent-status";
import { CHANNEL_KIND_LABELS } from "@/lib/workflow/customer-destination";
import { NativeSelect } from "./native-select";

type NewAttributeType = Exclude<ContactAttributeType, "list">;
const NEW_TYPES: NewAttributeType[] = ["text", "number", "date", "boolean"];
const MATCH_FIELDS = ["external_id", "email", "phone"] as const;

export type MappingFormProps = {
  workspaceId: string;
  importId: string;
  columns: string[];
  /** The first rows' cells, to show an example under each column. */
  examples: string[][];
  attributes: { key: string; label: string; type: ContactAttributeType }[];
  initial: ColumnMapping[];
};

type Choice = { value: string; key: string; label: string; type: NewAttributeType };

const choiceOf = (mapping: ColumnMapping, column: string): Choice => {
  const key = column.trim().toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^[^a-z]+/, "").slice(0, 64) || "attribute";
  const base = { key, label: column, type: "text" as const };
  if (mapping.kind === "field") return { ...base, value: `field:${mapping.field}` };
  if (mapping.kind === "attribute") return { ...base, value: `attr:${mapping.key}` };
  if (mapping.kind === "consent") return { ...base, value: `consent:${mapping.channelKind}` };
  return { ...base, value: "ignore" };
};

function toMapping(choice: Choice): ColumnMapping {
  if (choice.value === "new") return { kind: "new_attribute", key: choice.key, label: choice.label, type: choice.type };
  if (choice.value.startsWith("field:")) return { kind: "field", field: choice.value.slice(6) as (typeof IMPORT_FIELDS)[number] };
  if (choice.value.startsWith("attr:")) return { kind: "attribute", key: choice.value.slice(5) };
  if (choice.value.startsWith("consent:")) return { kind: "consent", channelKind: choice.value.slice(8) as (typeof CONSENT_KINDS)[number] };
  return { kind: "ignore" };
}

/**
 * Step 2: what each column becomes, how existing contacts are recognised and treated, a tag for
 * the whole import; "Review" says what would happen (failing rows, audiences reached) before
 * "Start import" queues the job.
 */
export function MappingForm({ workspaceId, importId, columns, examples, attributes, initial }: MappingFormProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [choices, setChoices] = useState<Choice[]>(() => columns.map((column, i) => choiceOf(initial[i] ?? { kind: "ignore" }, column)));
  const [matchBy, setMatchBy] = useState<(typeof MATCH_FIELDS)[number]>(() =>
    initial.some((m) => m.kind === "field" && m.field === "external_id") ? "external_id" : initial.some((m) => m.kind === "field" && m.field === "phone") && !initial.some((m) => m.kind === "field" && m.field === "email") ? "phone" : "email",
  );
  const [existing, setExisting] = useState<"update" | "skip">("update");
  const [tag, setTag] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [review, setReview] = useState<ImportPreview | null>(null);

  const settings = () => ({ workspaceId, importId, mapping: choices.map(toMapping), matchBy, existing, tag });
  const change = (i: number, patch: Partial<Choice>) => {
    setReview(null);
    setChoices((current) => current.map((choice, j) => (j === i ? { ...choice, ...patch } : choice)));
  };
  const failure = (result: { error: string; fieldErrors?: Record<string, string[]> }) => {
    const first = result.fieldErrors ? Object.values(result.fieldErrors)[0]?.[0] : undefined;
    setError(first ? `${result.error} ${first}` : result.error);
  };

  const onReview = () =>
    startTransition(async () => {
      const result = await previewContactImportAction(settings());
      if (result.ok) {
        setError(null);
        setReview(result.data);
      } else failure(result);
    });
  const onStart = () =>
    startTransition(async () => {
      const result = await startContactImportAction(settings());
      if (result.ok) router.refresh();
      else failure(result);
    });
  const onDiscard = () =>
    startTransition(async () => {
      const result = await cancelContactImportAction({ workspaceId, importId });
      if (result.ok) router.push(`/${workspaceId}/contacts/import`);
      else failure(result);
    });

  return (
    <div className="grid gap-6">
      <section aria-labelledby="mapping-title" className="grid gap-3">
        <h2 id="mapping-title" className="text-base font-semibold">
          Columns
        </h2>
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">What each column of the file becomes</caption>
            <thead className="border-b bg-subtle text-xs text-muted-foreground uppercase">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">Column</th>
                <th scope="col" className="hidden px-4 py-2 font-semibold sm:table-cell">Example</th>
                <th scope="col" className="px-4 py-2 font-semibold">Becomes</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {columns.map((column, i) => {
                const choice = choices[i]!;
                const id = `map-${i}`;
                return (
                  <tr key={id} className="align-top">
                    <th scope="row" className="px-4 py-2 font-medium">{column}</th>
                    <td className="hidden max-w-48 truncate px-4 py-2 text-muted-foreground sm:table-cell">{examples.find((row) => row[i]?.trim())?.[i] ?? ""}</td>
                    <td className="grid gap-2 px-4 py-2">
                      <Label htmlFor={id} className="sr-only">{`Column “${column}” becomes`}</Label>
                      <NativeSelect id={id} value={choice.value} onChange={(event) => change(i, { value: event.target.value })} className="min-w-44">
                        <option value="ignore">Don’t import</option>
                        <optgroup label="Contact">
                          {IMPORT_FIELDS.map((field) => (
                            <option key={field} value={`field:${field}`}>{IMPORT_FIELD_LABELS[field]}</option>
                          ))}
                        </optgroup>
                        <optgroup label="Attributes">
                          {attributes.map((attribute) => (
                            <option key={attribute.key} value={`attr:${attribute.key}`}>{`${attribute.label} (${CONTACT_ATTRIBUTE_TYPE_LABELS[attribute.type].toLowerCase()})`}</option>
                          ))}
                          <option value="new">New attribute…</option>
                        </optgroup>
                        <optgroup label="Consent (subscribed, unsubscribed or bouncing)">
                          {CONSENT_KINDS.map((kind) => (
                            <option key={kind} value={`consent:${kind}`}>{`${CHANNEL_KIND_LABELS[kind]} consent`}</option>
                          ))}
                        </optgroup>
                      </NativeSelect>
                      {choice.value === "new" ? (
                        <div className="grid gap-2 sm:grid-cols-3">
                          <div className="grid gap-1">
                            <Label htmlFor={`${id}-key`} className="text-xs">Key</Label>
                            <Input id={`${id}-key`} value={choice.key} onChange={(event) => change(i, { key: event.target.value })} maxLength={64} />
                          </div>
                          <div className="grid gap-1">
                            <Label htmlFor={`${id}-label`} className="text-xs">Label</Label>
                            <Input id={`${id}-label`} value={choice.label} onChange={(event) => change(i, { label: event.target.value })} maxLength={100} />
                          </div>
                          <div className="grid gap-1">
                            <Label htmlFor={`${id}-type`} className="text-xs">Type</Label>
                            <NativeSelect id={`${id}-type`} value={choice.type} onChange={(event) => change(i, { type: event.target.value as NewAttributeType })}>
                              {NEW_TYPES.map((type) => (
                                <option key={type} value={type}>{CONTACT_ATTRIBUTE_TYPE_LABELS[type]}</option>
                              ))}
                            </NativeSelect>
                          </div>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="match-title" className="grid max-w-2xl gap-4">
        <h2 id="match-title" className="text-base font-semibold">
          Existing contacts
        </h2>
        <div className="grid gap-1.5">
          <Label htmlFor="match-by">Recognise existing contacts by</Label>
          <NativeSelect id="match-by" value={matchBy} onChange={(event) => { setReview(null); setMatchBy(event.target.value as typeof matchBy); }} className="max-w-xs">
            {MATCH_FIELDS.map((field) => (
              <option key={field} value={field}>{IMPORT_FIELD_LABELS[field]}</option>
            ))}
          </NativeSelect>
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">When a row matches an existing contact</legend>
          {(
            [
              ["update", "Update it", "Filled cells replace its values; blank cells keep them; tags are added."],
              ["skip", "Skip the row", "The contact is left as it is."],
            ] as const
          ).map(([value, label, hint]) => (
            <label key={value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="existing" value={value} checked={existing === value} onChange={() => { setReview(null); setExisting(value); }} className="mt-1 accent-primary" />
              <span>
                <span className="font-medium">{label}</span> <span className="text-muted-foreground">— {hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="grid gap-1.5">
          <Label htmlFor="import-tag">Tag every imported contact (optional)</Label>
          <Input id="import-tag" value={tag} onChange={(event) => { setReview(null); setTag(event.target.value); }} maxLength={100} className="max-w-xs" placeholder="e.g. spring-fair-2026" />
        </div>
      </section>

      {review ? (
        <section aria-labelledby="review-title" className="grid max-w-2xl gap-2 rounded-lg border bg-subtle p-4 text-sm">
          <h2 id="review-title" className="text-base font-semibold">Before you start</h2>
          <p>
            {review.rows.toLocaleString("en-US")} rows; {review.failing === 0 ? "none would fail." : `${review.failing.toLocaleString("en-US")} would fail and be listed with their reason.`}
          </p>
          {review.workflows.length === 0 ? (
            <p className="text-muted-foreground">No live Audience Matched workflow would pick these contacts up.</p>
          ) : (
            <>
              <p>Live Audience Matched workflows reach matching contacts on their next evaluation:</p>
              <ul className="list-disc pl-5">
                {review.workflows.map((workflow) => (
                  <li key={workflow.id}>
                    <span className="font-medium">{workflow.name}</span>: {workflow.matching.toLocaleString("en-US")} imported {workflow.matching === 1 ? "contact matches" : "contacts match"}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        {review ? (
          <Button type="button" onClick={onStart} disabled={pending}>
            {pending ? "Starting…" : "Start import"}
          </Button>
        ) : (
          <Button type="button" onClick={onReview} disabled={pending}>
            {pending ? "Checking…" : "Review import"}
          </Button>
        )}
        <Button type="button" variant="ghost" onClick={onDiscard} disabled={pending}>
          Discard file
        </Button>
        {error ? <InlineStatus tone="error">{error}</InlineStatus> : null}
      </div>
    </div>
  );
}
