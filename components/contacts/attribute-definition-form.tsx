"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { createAttributeDefinitionAction } from "@/lib/actions/contacts";
import { CONTACT_ATTRIBUTE_TYPE_LABELS, CONTACT_ATTRIBUTE_TYPES, type ContactAttributeType } from "@/lib/contacts/attribute-types";

/** One option a line: what a list attribute's options field holds. */
export const readOptions = (text: string) => text.split("\n").map((line) => line.trim()).filter(Boolean);

/** Settings › Contact attributes: define one (key, label, type, and a list's options). */
export function AttributeDefinitionForm({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [type, setType] = useState<ContactAttributeType>("text");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [status, setStatus] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const options = type === "list" ? readOptions(String(data.get("options") ?? "")) : undefined;
    startTransition(async () => {
      const result = await createAttributeDefinitionAction({ workspaceId, key: String(data.get("key") ?? ""), label: String(data.get("label") ?? ""), type, options });
      if (result.ok) {
        setErrors({});
        setStatus(`“${result.data.label}” defined. It shows on every contact's page.`);
        form.reset();
        setType("text");
        router.refresh();
      } else {
        const first = (key: string) => Object.entries(result.fieldErrors ?? {}).find(([path]) => path === key || path.startsWith(`${key}.`))?.[1]?.[0];
        const fieldErrors = { key: first("key"), label: first("label"), options: first("options") };
        setErrors(Object.values(fieldErrors).some(Boolean) ? fieldErrors : { form: result.error });
        setStatus(null);
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3" aria-label="Define a contact attribute">
      <div className="grid items-start gap-3 sm:grid-cols-3">
        <Field id={`${id}-key`} label="Key" hint="Lower-case, used in {{variables}} and the API." error={errors.key}>
          <Input
            id={`${id}-key`}
            name="key"
            required
            maxLength={64}
            placeholder="e.g. renewal_date"
            autoComplete="off"
            aria-invalid={errors.key ? true : undefined}
            aria-describedby={fieldDescribedBy(`${id}-key`, { hint: true, error: errors.key })}
          />
        </Field>
        <Field id={`${id}-label`} label="Label" error={errors.label}>
          <Input id={`${id}-label`} name="label" required maxLength={80} placeholder="e.g. Renewal date" aria-invalid={errors.label ? true : undefined} aria-describedby={fieldDescribedBy(`${id}-label`, { error: errors.label })} />
        </Field>
        <Field id={`${id}-type`} label="Type">
          <Select value={type} onValueChange={(next) => setType(next as ContactAttributeType)}>
            <SelectTrigger id={`${id}-type`}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {CONTACT_ATTRIBUTE_TYPES.map((value) => (
                <SelectItem key={value} value={value}>
                  {CONTACT_ATTRIBUTE_TYPE_LABELS[value]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
      </div>
      {type === "list" ? (
        <Field id={`${id}-options`} label="Options" hint="One a line, in the order they are offered." error={errors.options}>
          <Textarea id={`${id}-options`} name="options" rows={4} required aria-invalid={errors.options ? true : undefined} aria-describedby={fieldDescribedBy(`${id}-options`, { hint: true, error: errors.options })} />
        </Field>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Add attribute"}
        </Button>
      </div>
      {errors.form ? <InlineStatus tone="error">{errors.form}</InlineStatus> : null}
      {status ? <InlineStatus tone="success">{status}</InlineStatus> : null}
    </form>
  );
}
