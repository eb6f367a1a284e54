import Split from "lucide-react/icons/split";
import { z } from "zod";
import { defineNode, INPUT_PORT, type NodeIssue, type PortDefinition } from "@/lib/workflow/node-definition";

export const SPLIT_MIN_OUTPUTS = 2;
export const SPLIT_MAX_OUTPUTS = 4;

/** A share is a whole percentage; every output gets at least 1 % (an output nobody takes is a missing output). */
export const splitShareSchema = z.int().min(1).max(99);

export const splitConfigSchema = z.strictObject({
  shares: z.array(splitShareSchema).min(SPLIT_MIN_OUTPUTS).max(SPLIT_MAX_OUTPUTS).default([50, 50]),
});
export type SplitConfig = z.infer<typeof splitConfigSchema>;

// The ids are stored in graphs and run steps (the step log's outcome): never rename them.
export const ports = {
  a: { id: "path_a", label: "A" },
  b: { id: "path_b", label: "B" },
  c: { id: "path_c", label: "C" },
  d: { id: "path_d", label: "D" },
} as const;
/** The paths in order: the i-th share is the i-th path's. */
export const SPLIT_PATHS: readonly PortDefinition[] = [ports.a, ports.b, ports.c, ports.d];

export function splitSharesTotal(shares: readonly number[]): number {
  return shares.reduce((total, share) => total + share, 0);
}

function describeShares(shares: readonly number[]): string {
  return shares.map((share, i) => `${SPLIT_PATHS[i]!.label} ${share}%`).join(" · ");
}

export const splitDefinition = defineNode({
  type: "split",
  category: "action",
  label: "Split",
  description: "Sends each contact down one of 2–4 paths at set percentages, the same path every time, to compare variants.",
  icon: Split,
  configSchema: splitConfigSchema,
  inputs: [INPUT_PORT],
  outputs: SPLIT_PATHS,
  outputsFor: (config) => config.shares.map((share, i) => ({ id: SPLIT_PATHS[i]!.id, label: `${SPLIT_PATHS[i]!.label} · ${share}%` })),
  fields: {
    shares: {
      label: "Paths",
      description: "Each contact goes down one path, chosen from the workflow and the contact: a contact who enters again takes the same one.",
      control: "percentages",
    },
  },
  summarize: (config) => describeShares(config.shares),
  needsConversation: false,
  validate: (config): NodeIssue[] => {
    const total = splitSharesTotal(config.shares);
    return total === 100 ? [] : [{ field: "shares", message: `The paths' percentages add up to ${total}%; make them add up to 100%.` }];
  },
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
