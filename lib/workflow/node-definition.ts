import type { z } from "zod";
import type { NodeType } from "./node-types";

export type PortDefinition = { id: string; label: string };

export type FieldOption = { value: string; label: string; hint?: string };

/** What a config panel needs to show a field; the zod schema stays the source of truth for values. */
export type FieldMeta = {
  label: string;
  description?: string;
  options?: readonly FieldOption[];
  /** Locked with an explanation on the free plan, refused by the server there. */
  enterprise?: boolean;
};

/** Names shown instead of ids in one-line summaries; the canvas passes what it has loaded. */
export type SummaryNames = {
  user?: (id: string) => string | undefined;
  team?: (id: string) => string | undefined;
  channel?: (id: string) => string | undefined;
};

export type NodeDefinition<T extends NodeType = NodeType, S extends z.ZodType = z.ZodType> = {
  type: T;
  category: "trigger" | "action";
  label: string;
  description: string;
  /** A lucide-react icon name. */
  icon: string;
  configSchema: S;
  defaultConfig: () => z.infer<S>;
  inputs: readonly PortDefinition[];
  outputs: readonly PortDefinition[];
  fields: { readonly [K in keyof z.infer<S> & string]?: FieldMeta };
  summarize: (config: z.infer<S>, names?: SummaryNames) => string;
  /** Acts on the conversation a Start a Conversation step upstream started. */
  needsConversation: boolean;
};

export const INPUT_PORT: PortDefinition = { id: "in", label: "In" };
export const NEXT_PORT: PortDefinition = { id: "out", label: "Next" };

export function defineNode<T extends NodeType, S extends z.ZodType>(
  definition: Omit<NodeDefinition<T, S>, "defaultConfig">,
): NodeDefinition<T, S> {
  return { ...definition, defaultConfig: () => definition.configSchema.parse({}) as z.infer<S> };
}
