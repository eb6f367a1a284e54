import type { LucideIcon } from "lucide-react";
import type { z } from "zod";
import type { RichTextDocument } from "@/lib/rich-text/document-schema";
import type { Assignee } from "./assignee";
import type { AudienceFilter } from "./audience/audience-filter";
import type { ChannelKind } from "./customer-destination";
import type { SendWindow } from "@/lib/outreach/send-window";
import type { Duration } from "./duration";
import type { Executor } from "./engine/executor-types";
import type { GraphIssue } from "./graph-issue";
import type { ValidationContext } from "./validation-context";

// What a node type is: everything about it that the canvas, the config panel, graph validation and
// the engine need, declared once in lib/workflow/nodes/<node>/definition.ts and listed by one line
// in lib/workflow/registry.ts. Nothing elsewhere switches on node types.

export type PortDefinition = { readonly id: string; readonly label: string };

export const INPUT_PORT = { id: "in", label: "In" } as const satisfies PortDefinition;
/** The one output of a step that just goes on. */
export const NEXT_PORT = { id: "out", label: "Next" } as const satisfies PortDefinition;

export type FieldOption = { value: string; label: string; hint?: string };

/**
 * The control that edits a field, always named by the definition (never guessed from the field's
 * name or label). The panel has one component per control
 * (components/workflow-editor/fields/field-control.tsx); a new kind of value adds one there.
 */
export type FieldControl =
  | { control: "choice"; options: readonly FieldOption[] }
  | { control: "boolean" }
  /**
   * One line of text. channelAddress: it is where the contact is reached on the node's channel, so
   * the field says what leaving it empty means there (the contact's chat; {{phone}} on SMS).
   */
  | { control: "text"; channelAddress?: boolean }
  | { control: "rich-text" }
  | { control: "assignee" }
  | { control: "duration" }
  | { control: "audience-filter" }
  /** A send window (hours, weekdays, the contact's time zone attribute), or none: any time. */
  | { control: "send-window" }
  /** Whole percentages, one per output, that add up to 100 (a Split's shares). */
  | { control: "percentages" }
  /** An agent of the workspace (avatar and name). */
  | { control: "user" }
  /**
   * One of the workspace's channels; chatOnly offers chat channels only. emptyMeans names what the
   * empty choice stands for (absent: there is none).
   */
  | { control: "channel"; chatOnly: boolean; emptyMeans?: "any chat channel" | "the default chat channel" };

export type ControlName = FieldControl["control"];

/**
 * The names of the controls that can edit a value of type V: a boolean field cannot be given a
 * text box. Names first, one Extract after: relating two generic FieldMetas (the registry's
 * definitions to NodeDefinition) then meets one conditional of names, not a conditional per
 * control, which kept the compiler's work small enough as controls were added.
 */
type ControlNamesFor<V> = [V] extends [boolean]
  ? "boolean"
  : [V] extends [RichTextDocument]
    ? "rich-text"
    : [V] extends [Assignee]
      ? "assignee"
      : [V] extends [Duration]
        ? "duration"
        : [V] extends [AudienceFilter]
          ? "audience-filter"
          : [V] extends [SendWindow | null]
            ? "send-window"
            : [V] extends [readonly number[]]
              ? "percentages"
              : [V] extends [string | null]
                ? string extends NonNullable<V>
                  ? "choice" | "text" | "user" | "channel"
                  : "choice" // an enum's values are a choice
                : never;
// Distributive over the names, so it is resolved only once V is known.
type ControlNamed<N> = N extends ControlName ? Extract<FieldControl, { control: N }> : never;
type ControlFor<V> = ControlNamed<ControlNamesFor<V>>;

type FieldBase<C> = {
  label: string;
  description?: string;
  /** Locked with an explanation on the free plan, refused by the server there. */
  enterprise?: boolean;
  /** Why this field does not apply to this config (the panel disables it and shows the reason), or null. */
  disabledWhen?(config: C): string | null;
  /**
   * The field exists only on a node whose channel (its config's channelId; empty: the default chat
   * channel) is of one of these kinds, e.g. an email's Subject: the panel shows it only then.
   */
  channelKinds?: readonly ChannelKind[];
};

/**
 * What a config panel needs to show a field; the zod schema stays the source of truth for values.
 * A field of no particular type (the generic code's view) names its control only: spelling out
 * every control's options there makes the registry's union of definitions too complex for the
 * compiler. fieldKind() in the panel reads the options back.
 */
export type FieldMeta<C = unknown, V = unknown> = FieldBase<C> & (unknown extends V ? { control: ControlName } : ControlFor<V>);

/** Names shown instead of ids in one-line summaries; the canvas passes what it has loaded. */
export type SummaryNames = {
  user?: (id: string) => string | undefined;
  team?: (id: string) => string | undefined;
  channel?: (id: string) => string | undefined;
};

/** A problem a node finds in its own config; the validators add the node's id. */
export type NodeIssue = Omit<GraphIssue, "nodeId">;

/** A config's field names (any string for the plain NodeDefinition the generic code reads). */
type FieldName<C> = unknown extends C ? string : keyof C & string;

/** What a node's structural rule may look at besides its config. */
export type NodeGraphContext = { connectedOutputs: ReadonlySet<string> };

/** The module a node's executor.ts is: its one export. */
export type ExecutorModule<C> = { executor: Executor<C> };

// summarize, validate and validateInWorkspace are methods (not function properties) so that any
// node's definition is assignable to the plain NodeDefinition the generic code reads.
export type NodeDefinition<T extends string = string, S extends z.ZodType = z.ZodType> = {
  type: T;
  category: "trigger" | "action";
  label: string;
  description: string;
  icon: LucideIcon;
  configSchema: S;
  defaultConfig: () => z.infer<S>;
  inputs: readonly PortDefinition[];
  outputs: readonly PortDefinition[];
  /**
   * The outputs a node with this config has, when that depends on the config (a Split has one per
   * share, labelled with it): a subset of `outputs`, in order. Read through nodeOutputs().
   */
  outputsFor?(config: z.infer<S>): readonly PortDefinition[];
  /** The fields the panel shows, in this order, each with its control. */
  fields: { readonly [K in keyof z.infer<S> & string]?: FieldMeta<z.infer<S>, z.infer<S>[K]> };
  summarize(config: z.infer<S>, names?: SummaryNames): string;
  /** Acts on the conversation a step upstream started: every path here must pass one that starts it. */
  needsConversation: boolean;
  /** Starts the conversation later steps act on. */
  startsConversation?: boolean;
  /** Fields that may hold {{variables}} (rich text, or one-line text templates). */
  variableFields?: readonly FieldName<z.infer<S>>[];
  /**
   * A trigger that enters contacts in bulk from a filter (outreach), not because they did
   * something: under it Start a Conversation skips contacts with an open conversation by default.
   */
  audienceTrigger?: boolean;
  /** A trigger's variables that exist only in its runs ({{session.id}} for Session Started). */
  providesVariables?: readonly string[];
  /**
   * The output a run leaves by at once, without running this node, when it needs a conversation
   * and the run's Start a Conversation step was skipped (Branch: Not started). Other such nodes
   * are logged as skipped and the run goes on by their only output.
   */
  whenStartSkipped?: string;
  /** The output a run waiting at this node leaves by when the wait ends (Wait, Branch). */
  waitEnds?: { timeout: string; conversationStarted?: string };
  /** Rules on this node's own config and connections, checked on every save. */
  validate?(config: z.infer<S>, graph: NodeGraphContext): NodeIssue[];
  /** Rules against the workspace (members, channels, plan), checked before publishing. */
  validateInWorkspace?(config: z.infer<S>, workspace: ValidationContext): NodeIssue[];
  /**
   * What the node does, on the server only. Always written
   *   loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
   * Next compiles `typeof window` to a constant in browser bundles, so they drop the import and
   * no server code (SQL included) reaches a public chunk. The engine loads it once per process.
   */
  loadExecutor: (() => Promise<ExecutorModule<z.infer<S>>>) | undefined;
};

export function defineNode<const T extends string, S extends z.ZodType>(definition: Omit<NodeDefinition<T, S>, "defaultConfig">): NodeDefinition<T, S> {
  return { ...definition, defaultConfig: () => definition.configSchema.parse({}) as z.infer<S> };
}

/** The outputs a node has with this config: its definition's outputsFor, else all of its outputs. */
export function nodeOutputs(definition: NodeDefinition, config: unknown): readonly PortDefinition[] {
  if (!definition.outputsFor) return definition.outputs;
  const parsed = definition.configSchema.safeParse(config);
  return parsed.success ? definition.outputsFor(parsed.data) : definition.outputs;
}

/** A definition's fields as the panel and the validators read them, in declaration order. */
export function fieldEntries(definition: NodeDefinition): [name: string, meta: FieldMeta][] {
  return Object.entries(definition.fields as Record<string, FieldMeta | undefined>).filter((entry): entry is [string, FieldMeta] => entry[1] !== undefined);
}
