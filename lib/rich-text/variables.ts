import type { RichTextDocument } from "./document-schema";
import { forEachInlineNode } from "./document-walk";
import { expandTextPlaceholders } from "./expand-placeholders";
import { isValidVariableName, type VariableReference } from "./variable-syntax";

/**
 * The variable catalogue. Built-ins resolve from fixed fields; any other plain key (no dots)
 * addresses the contact's custom attributes, e.g. {{plan}} reads contact.attributes.plan.
 * A custom attribute that shares a built-in's name is shadowed by the built-in, so "first_name"
 * always means the contact's first name.
 */
export const BUILT_IN_VARIABLES = [
  { name: "first_name", label: "First name" },
  { name: "last_name", label: "Last name" },
  { name: "email", label: "Email" },
  { name: "phone", label: "Phone" },
  { name: "company", label: "Company" },
  { name: "session.id", label: "Chat session ID" },
  { name: "sender.name", label: "Sender name" },
] as const;

export type BuiltInVariableName = (typeof BUILT_IN_VARIABLES)[number]["name"];

export type VariableOption = {
  name: string;
  label: string;
  kind: "built-in" | "custom";
};

const BUILT_IN_NAMES: ReadonlySet<string> = new Set(BUILT_IN_VARIABLES.map((v) => v.name));

export function isBuiltInVariable(name: string): name is BuiltInVariableName {
  return BUILT_IN_NAMES.has(name);
}

/** Dotted names are reserved for built-in namespaces (session., sender.). */
export function isCustomAttributeKey(key: string): boolean {
  return isValidVariableName(key) && !key.includes(".");
}

export function isKnownVariable(name: string, customAttributeKeys: Iterable<string> = []): boolean {
  if (isBuiltInVariable(name)) return true;
  if (!isCustomAttributeKey(name)) return false;
  for (const key of customAttributeKeys) if (key === name) return true;
  return false;
}

export function variableLabel(name: string): string {
  return BUILT_IN_VARIABLES.find((variable) => variable.name === name)?.label ?? name;
}

/** What the editor offers: built-ins first, then usable custom keys, without duplicates. */
export function listVariableOptions(customAttributeKeys: Iterable<string> = []): VariableOption[] {
  const options: VariableOption[] = BUILT_IN_VARIABLES.map((v) => ({ ...v, kind: "built-in" }));
  const seen = new Set<string>(BUILT_IN_NAMES);
  for (const key of customAttributeKeys) {
    if (seen.has(key) || !isCustomAttributeKey(key)) continue;
    seen.add(key);
    options.push({ name: key, label: key, kind: "custom" });
  }
  return options;
}

/** Every variable occurrence, including typed-out {{placeholders}} that are not chips yet. */
export function collectVariableReferences(doc: RichTextDocument): VariableReference[] {
  const references: VariableReference[] = [];
  forEachInlineNode(expandTextPlaceholders(doc).doc, (node) => {
    if (node.type === "variable") references.push({ ...node.attrs });
  });
  return references;
}

/** Distinct variable names in order of first use (for graph validation). */
export function collectVariables(doc: RichTextDocument): string[] {
  return [...new Set(collectVariableReferences(doc).map((reference) => reference.name))];
}
