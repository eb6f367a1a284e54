"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { createContactAction, updateContactAction } from "@/lib/actions/contacts";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ContactAttributeType } from "@/lib/contacts/attribute-types";
import { TagEditor } from "./tag-editor";

export type FormAttributeDefinition = { key: string; label: string; type: ContactAttributeType; options: string[] };
type ContactValues = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  externalId: string | null;
  attributes: Record<string, unknown>;
};

const STANDARD_FIELDS = [
  { name: "firstName", label: "First name", autoComplete: "off", max: 200 },
  { name: "lastName", label: "Last name", autoComplete: "off", max: 200 },
  { name: "email", label: "Email", autoComplete: "off", max: 320, type: "email" },
  { name: "phone", label: "Phone", autoComplete: "off", max: 40, type: "tel", hint: "International format, e.g. +14155550123." },
  { name: "company", label: "Company", autoComplete: "off", max: 200 },
  { name: "externalId", label: "External id", autoComplete: "off", max: 200, hint: "Your system's id for them (the API's {externalId})." },
] as const;

const NONE = "__none";

/** A stored value as its control shows it. */
function controlValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

type Props = {
  workspaceId: string;
  definitions: readonly FormAttributeDefinition[];
  /** The workspace's tags, suggested when adding one to a new contact. */
  tagSuggestions?: readonly string[];
  /** Editing this contact; without it the form creates one. */
  contact?: ContactValues;
};

/**
 * New contact, and the contact's page: names, email, phone, company, external id and the typed
 * attributes, each with the control of its type. A clash with another contact names them with a link.
 */
export function ContactForm({ workspaceId, definitions, tagSuggestions = [], contact }: Props) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ReactNode>(null);
  const [saved, setSaved] = useState(false);
  const [tags, setTags] = useState<string[]>([]);
  const [choices, setChoices] = useState<Record<string, string>>(() =>
    Object.fromEntries(definitions.filter((d) => d.type === "boolean" || d.type === "list").map((d) => [d.key, controlValue(contact?.attributes[d.key])])),
  );

  function show(result: Extract<ActionResult<unknown>, { ok: false }>) {
    const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([path, messages]) => [path, messages[0] ?? result.error]));
    setErrors(fieldErrors);
    const clash = result.code === "contact_exists" ? (result.details as { contactId?: string; contactName?: string } | undefined) : undefined;
    setProblem(
      clash?.contactId ? (
        // The message itself is shown by the field; here, the way to the contact who has the value.
        <>
          <Link href={`/${workspaceId}/contacts/${clash.contactId}`} className="font-semibold underline underline-offset-4">
            Open {clash.contactName ?? "that contact"}
          </Link>{" "}
          to see or change their details.
        </>
      ) : Object.keys(fieldErrors).length === 0 ? (
        result.error
      ) : (
        "Some fields need another look."
      ),
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    const attributes = Object.fromEntries(
      definitions.map((definition) => [definition.key, definition.type === "boolean" || definition.type === "list" ? (choices[definition.key] ?? "") : text(`attr:${definition.key}`)]),
    );
    const fields = {
      workspaceId,
      firstName: text("firstName"),
      lastName: text("lastName"),
      email: text("email"),
      phone: text("phone"),
      company: text("company"),
      externalId: text("externalId"),
      attributes,
    };
    setSaved(false);
    startTransition(async () => {
      if (contact) {
        const result = await updateContactAction({ ...fields, contactId: contact.id });
        if (!result.ok) return show(result);
        setErrors({});
        setProblem(null);
        setSaved(true);
        router.refresh();
      } else {
        // A new contact has no blank attributes to remove.
        const set = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value.trim() !== ""));
        const result = await createContactAction({ ...fields, attributes: set, tags });
        if (!result.ok) return show(result);
        router.push(`/${workspaceId}/contacts/${result.data.id}`);
      }
    });
  }

  // On the contact's page the form sits in a narrow column: one field a row there.
  const columns = contact ? "grid gap-3" : "grid items-start gap-3 sm:grid-cols-2";
  const describedBy = (name: string, hint?: boolean) => fieldDescribedBy(`${id}-${name}`, { hint, error: errors[name] });

  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label={contact ? "Edit contact" : "New contact"} noValidate>
      <div className={columns}>
        {STANDARD_FIELDS.map((field) => (
          <Field key={field.name} id={`${id}-${field.name}`} label={field.label} hint={"hint" in field ? field.hint : undefined} error={errors[field.name]}>
            <Input
              id={`${id}-${field.name}`}
              name={field.name}
              type={"type" in field ? field.type : "text"}
              maxLength={field.max}
              autoComplete={field.autoComplete}
              defaultValue={contact?.[field.name] ?? ""}
              aria-invalid={errors[field.name] ? true : undefined}
              aria-describedby={describedBy(field.name, "hint" in field)}
            />
          </Field>
        ))}
      </div>

      {definitions.length > 0 ? (
        <fieldset className="grid gap-3">
          <legend className="mb-1 text-sm font-semibold">Attributes</legend>
          <div className={columns}>
            {definitions.map((definition) => {
              const controlId = `${id}-attr-${definition.key}`;
              const error = errors[`attributes.${definition.key}`];
              const aria = { "aria-invalid": error ? true : undefined, "aria-describedby": fieldDescribedBy(controlId, { error }) } as const;
              const stored = controlValue(contact?.attributes[definition.key]);
              return (
                <Field key={definition.key} id={controlId} label={definition.label} error={error}>
                  {definition.type === "boolean" || definition.type === "list" ? (
                    <Select value={choices[definition.key] || NONE} onValueChange={(next) => setChoices((current) => ({ ...current, [definition.key]: next === NONE ? "" : next }))}>
                      <SelectTrigger id={controlId} {...aria}>
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value={NONE}>—</SelectItem>
                        {(definition.type === "boolean" ? ["yes", "no"] : definition.options).map((option) => (
                          <SelectItem key={option} value={option}>
                            {definition.type === "boolean" ? (option === "yes" ? "Yes" : "No") : option}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  ) : (
                    <Input
                      id={controlId}
                      name={`attr:${definition.key}`}
                      type={definition.type === "date" ? "date" : "text"}
                      inputMode={definition.type === "number" ? "decimal" : undefined}
                      defaultValue={stored}
                      autoComplete="off"
                      {...aria}
                    />
                  )}
                </Field>
              );
            })}
          </div>
        </fieldset>
      ) : null}

      {contact ? null : (
        <TagEditor
          tags={tags}
          suggestions={tagSuggestions}
          onAdd={async (tag) => {
            setTags((current) => (current.includes(tag) ? current : [...current, tag]));
            return null;
          }}
          onRemove={async (tag) => {
            setTags((current) => current.filter((existing) => existing !== tag));
            return null;
          }}
        />
      )}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : contact ? "Save changes" : "Create contact"}
        </Button>
        {saved ? <InlineStatus tone="success">Saved.</InlineStatus> : null}
      </div>
      {problem ? <InlineStatus tone="error">{problem}</InlineStatus> : null}
    </form>
  );
}
