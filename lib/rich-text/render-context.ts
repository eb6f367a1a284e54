import { z } from "zod";

import { formatAttributeValue, type AttributeTypeSpec } from "@/lib/contacts/attribute-types";
import { isBuiltInVariable, isCustomAttributeKey, type BuiltInVariableName } from "./variables";

const optionalText = z.string().nullish();

export const renderContextSchema = z.object({
  contact: z.object({
    firstName: optionalText,
    lastName: optionalText,
    email: optionalText,
    phone: optionalText,
    company: optionalText,
    attributes: z.record(z.string(), z.unknown()).optional(),
  }),
  session: z.object({ id: z.string() }).nullish(),
  sender: z.object({ name: optionalText }).nullish(),
  /** The workspace's typed attributes (Settings › Contact attributes) by key: how their values read ("March 5, 2026", "1,200", "Yes"). */
  attributeTypes: z.record(z.string(), z.custom<AttributeTypeSpec>()).optional(),
});

export type RenderContext = z.infer<typeof renderContextSchema>;

// A Record over the catalogue's names: adding a built-in without a resolver fails to compile.
const BUILT_IN_RESOLVERS: Record<BuiltInVariableName, (context: RenderContext) => unknown> = {
  first_name: (context) => context.contact.firstName,
  last_name: (context) => context.contact.lastName,
  email: (context) => context.contact.email,
  phone: (context) => context.contact.phone,
  company: (context) => context.contact.company,
  "session.id": (context) => context.session?.id,
  "sender.name": (context) => context.sender?.name,
};

// Only scalars are shown: an object attribute would otherwise go out as "[object Object]".
function toDisplayText(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  return null;
}

/** The variable's value for this contact, or null when it has none (empty counts as none). */
export function resolveVariable(name: string, context: RenderContext): string | null {
  if (isBuiltInVariable(name)) return toDisplayText(BUILT_IN_RESOLVERS[name](context));
  const attributes = context.contact.attributes;
  // Own properties only: {{constructor}} must not read Object.prototype.
  if (!attributes || !isCustomAttributeKey(name) || !Object.hasOwn(attributes, name)) return null;
  const spec = context.attributeTypes && Object.hasOwn(context.attributeTypes, name) ? context.attributeTypes[name] : undefined;
  return formatAttributeValue(spec, attributes[name]);
}
