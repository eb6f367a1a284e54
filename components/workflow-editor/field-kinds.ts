import { z } from "zod";
import { richTextDocumentSchema } from "@/lib/rich-text/document-schema";
import { assigneeSchema } from "@/lib/workflow/assignee";
import { audienceFilterSchema } from "@/lib/workflow/audience/audience-filter";
import { durationSchema } from "@/lib/workflow/duration";
import type { FieldMeta, FieldOption, NodeDefinition } from "@/lib/workflow/node-definition";

/**
 * Which control edits a config field, read off the definition's zod schema (and, for ids, the
 * field's name). The panel renders whatever a definition declares, so a new node type or field
 * needs no panel code unless it introduces a new kind of value.
 */
export type FieldKind =
  | { kind: "choice"; options: readonly FieldOption[] }
  | { kind: "boolean" }
  | { kind: "text" }
  | { kind: "rich-text" }
  | { kind: "assignee" }
  | { kind: "duration" }
  | { kind: "audience-filter" }
  | { kind: "user"; nullable: boolean }
  | { kind: "channel"; nullable: boolean };

export type PanelField = { name: string; meta: FieldMeta; control: FieldKind };

function unwrap(schema: z.ZodType): { schema: z.ZodType; nullable: boolean } {
  let current: z.ZodType = schema;
  let nullable = false;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodNullable) {
      nullable = true;
      current = current.def.innerType as z.ZodType;
    } else return { schema: current, nullable };
  }
}

export function fieldKind(name: string, schema: z.ZodType, meta: FieldMeta): FieldKind | null {
  const { schema: inner, nullable } = unwrap(schema);
  if (inner === richTextDocumentSchema) return { kind: "rich-text" };
  if (inner === assigneeSchema) return { kind: "assignee" };
  if (inner === durationSchema) return { kind: "duration" };
  if (inner === audienceFilterSchema) return { kind: "audience-filter" };
  if (inner instanceof z.ZodEnum) {
    const values = inner.options.map(String);
    const options = meta.options ?? values.map((value) => ({ value, label: value }));
    return { kind: "choice", options };
  }
  if (inner instanceof z.ZodBoolean) return { kind: "boolean" };
  if (inner instanceof z.ZodUUID) {
    if (/UserId$/.test(name)) return { kind: "user", nullable };
    if (/^channelId$|ChannelId$/.test(name)) return { kind: "channel", nullable };
    return null;
  }
  if (inner instanceof z.ZodString) return { kind: "text" };
  return null;
}

/** The fields a node's panel shows, in the definition's order. */
export function panelFields(definition: NodeDefinition): PanelField[] {
  const schema = definition.configSchema;
  if (!(schema instanceof z.ZodObject)) return [];
  const shape = schema.shape as Record<string, z.ZodType>;
  const metas = definition.fields as Record<string, FieldMeta | undefined>;
  const fields: PanelField[] = [];
  for (const [name, fieldSchema] of Object.entries(shape)) {
    const meta = metas[name];
    if (!meta) continue;
    const control = fieldKind(name, fieldSchema, meta);
    if (control) fields.push({ name, meta, control });
  }
  return fields;
}

/**
 * A new node's config: the definition's defaults, with "who" fields (a sender) set to the person
 * building it, as PRODUCT.md asks for the Sender.
 */
export function initialConfig(definition: NodeDefinition, currentUserId: string): Record<string, unknown> {
  const config = { ...(definition.defaultConfig() as Record<string, unknown>) };
  for (const field of panelFields(definition)) {
    if (field.control.kind === "user" && config[field.name] == null) config[field.name] = currentUserId;
  }
  return config;
}

/** The config parsed by its schema; a stored config that no longer parses falls back field by field to defaults. */
export function readConfig(definition: NodeDefinition, raw: Record<string, unknown>): Record<string, unknown> {
  const parsed = definition.configSchema.safeParse(raw);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const defaults = definition.defaultConfig() as Record<string, unknown>;
  const schema = definition.configSchema;
  if (!(schema instanceof z.ZodObject)) return defaults;
  const shape = schema.shape as Record<string, z.ZodType>;
  const result: Record<string, unknown> = { ...defaults };
  for (const [name, fieldSchema] of Object.entries(shape)) {
    const field = fieldSchema.safeParse(raw[name]);
    if (field.success) result[name] = field.data;
  }
  return result;
}
