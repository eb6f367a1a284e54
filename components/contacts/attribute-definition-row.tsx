"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { deleteAttributeDefinitionAction, updateAttributeDefinitionAction } from "@/lib/actions/contacts";
import { CONTACT_ATTRIBUTE_TYPE_LABELS, type ContactAttributeType } from "@/lib/contacts/attribute-types";
import { readOptions } from "./attribute-definition-form";

type Definition = { id: string; key: string; label: string; type: ContactAttributeType; options: string[]; valueCount: number };

/** One defined attribute: its label and a list's options can change; deleting it deletes its values, after asking. */
export function AttributeDefinitionRow({ workspaceId, definition, canEdit }: { workspaceId: string; definition: Definition; canEdit: boolean }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const holders = `${definition.valueCount.toLocaleString("en")} ${definition.valueCount === 1 ? "contact has" : "contacts have"} a value`;

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const options = definition.type === "list" ? readOptions(String(data.get("options") ?? "")) : undefined;
    const removed = definition.options.filter((option) => !(options ?? []).some((kept) => kept.toLowerCase() === option.toLowerCase()));
    if (removed.length > 0 && !window.confirm(`Remove ${removed.map((o) => `“${o}”`).join(", ")}? Contacts with that value lose it.`)) return;
    startTransition(async () => {
      const result = await updateAttributeDefinitionAction({ workspaceId, definitionId: definition.id, label: String(data.get("label") ?? ""), options });
      if (result.ok) {
        const cleared = result.data.clearedValues;
        setStatus({ tone: "success", message: cleared ? `Saved. ${cleared} ${cleared === 1 ? "contact's value was" : "contacts' values were"} cleared.` : "Saved." });
        router.refresh();
      } else {
        setStatus({ tone: "error", message: Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error });
      }
    });
  }

  function onDelete() {
    startTransition(async () => {
      const result = await deleteAttributeDefinitionAction({ workspaceId, definitionId: definition.id });
      if (result.ok) router.refresh();
      else setStatus({ tone: "error", message: result.error });
    });
  }

  return (
    <li className="grid gap-3 px-5 py-4" data-attribute={definition.key}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{definition.label}</span>
        <code className="rounded bg-muted px-1.5 py-0.5 text-xs">{definition.key}</code>
        <Badge>{CONTACT_ATTRIBUTE_TYPE_LABELS[definition.type]}</Badge>
        <span className="text-xs text-muted-foreground">{holders}</span>
      </div>
      {canEdit ? (
        <form onSubmit={onSave} className="grid gap-3" aria-label={`Edit ${definition.label}`}>
          <div className="grid items-start gap-3 sm:grid-cols-2">
            <Field id={`${id}-label`} label="Label">
              <Input id={`${id}-label`} name="label" required maxLength={80} defaultValue={definition.label} />
            </Field>
            {definition.type === "list" ? (
              <Field id={`${id}-options`} label="Options" hint="One a line. A removed option is cleared from the contacts that have it.">
                <Textarea id={`${id}-options`} name="options" rows={Math.min(8, definition.options.length + 1)} defaultValue={definition.options.join("\n")} aria-describedby={fieldDescribedBy(`${id}-options`, { hint: true })} />
              </Field>
            ) : null}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="outline" disabled={pending}>
              Save
            </Button>
            <ConfirmButton
              triggerProps={{ disabled: pending, "aria-label": `Delete attribute ${definition.label}`, variant: "ghost", size: "md" }}
              title={`Delete the attribute “${definition.label}”?`}
              description={`${holders} for it: those values are deleted with it, and filters and messages that use {{${definition.key}}} no longer find it. This can't be undone.`}
              confirmLabel="Delete attribute and its values"
              destructive
              onConfirm={onDelete}
            >
              Delete
            </ConfirmButton>
          </div>
        </form>
      ) : definition.type === "list" ? (
        <p className="text-sm text-muted-foreground">Options: {definition.options.join(", ")}</p>
      ) : null}
      {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
    </li>
  );
}
