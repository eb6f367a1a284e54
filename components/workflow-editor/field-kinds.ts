import { z } from "zod";
import type { ChannelKind } from "@/lib/workflow/customer-destination";
import { fieldEntries, type FieldControl, type FieldMeta, type NodeDefinition } from "@/lib/workflow/node-definition";

/**
 * Which control edits a config field: the one its definition names (field metadata `control`),
 * never guessed from the field's name or label. The panel renders whatever a definition declares,
 * so a new node type or field needs no panel code unless it introduces a new kind of control.
 */
export type FieldKind = FieldControl extends infer C ? (C extends { control: infer K } ? { kind: K } & Omit<C, "control"> : never) : never;

export type PanelField = { name: string; meta: FieldMeta; control: FieldKind };

export function fieldKind(meta: FieldMeta): FieldKind {
  const { control, ...rest } = meta as FieldControl & Record<string, unknown>;
  return { ...rest, kind: control } as FieldKind;
}

/** The fields a node's panel shows, in the definition's order. */
export function panelFields(definition: NodeDefinition): PanelField[] {
  return fieldEntries(definition).map(([name, meta]) => ({ name, meta, control: fieldKind(meta) }));
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

/** Why a field does not apply to this config (its definition's disabledWhen), or null. */
export function disabledReason(field: PanelField, config: Record<string, unknown>): string | null {
  return field.meta.disabledWhen?.(config) ?? null;
}

/**
 * The channel a node's config points at (channelId; empty: the default chat channel), or
 * undefined when the workspace has no such channel.
 */
export function configChannel<C extends { id: string; kind: ChannelKind; isDefault: boolean }>(config: Record<string, unknown>, channels: readonly C[]): C | undefined {
  const channelId = typeof config.channelId === "string" ? config.channelId : null;
  return channels.find((candidate) => (channelId ? candidate.id === channelId : candidate.kind === "chat" && candidate.isDefault));
}

/** Whether the panel shows a field: one bound to channel kinds (an email's Subject) only on those. */
export function fieldApplies(field: PanelField, config: Record<string, unknown>, channels: readonly { id: string; kind: ChannelKind; isDefault: boolean }[]): boolean {
  const kinds = field.meta.channelKinds;
  if (!kinds) return true;
  const channel = configChannel(config, channels);
  return channel !== undefined && kinds.includes(channel.kind);
}
