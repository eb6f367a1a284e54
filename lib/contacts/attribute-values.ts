import type { ContactAttributeDefinition } from "@/lib/db/schema/contact-attributes";
import { SafeError } from "@/lib/errors";
import { parseAttributeValue, type StoredAttributeValue } from "./attribute-types";

export type AttributeDefinitionsByKey = ReadonlyMap<string, Pick<ContactAttributeDefinition, "key" | "label" | "type" | "options">>;

/**
 * Attribute values as they came in (JSON from the API, text from the contact's page) made ready to
 * store: a key with a definition goes through its type's rule (parseAttributeValue), a key without
 * one is kept as it came (free attributes, already checked by attributeValueSchema). null means
 * "remove". The first value its type refuses is answered with the attribute's label and its path.
 */
export function parseAttributeInput(definitions: AttributeDefinitionsByKey, input: Record<string, unknown>): Record<string, StoredAttributeValue> {
  const parsed: Record<string, StoredAttributeValue> = {};
  for (const [key, raw] of Object.entries(input)) {
    const definition = definitions.get(key);
    if (!definition) {
      parsed[key] = raw as StoredAttributeValue;
      continue;
    }
    const result = parseAttributeValue(definition, raw);
    if (!result.ok) throw new SafeError("invalid_input", `${definition.label}: ${result.message}`, { path: `attributes.${key}`, attribute: key });
    parsed[key] = result.value;
  }
  return parsed;
}
