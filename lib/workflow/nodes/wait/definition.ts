import Clock from "lucide-react/icons/clock";
import { z } from "zod";
import { durationSchema, durationTooLong, formatDuration } from "@/lib/workflow/duration";
import { defineNode, INPUT_PORT, NEXT_PORT } from "@/lib/workflow/node-definition";

export const waitConfigSchema = z.strictObject({
  duration: durationSchema.default({ amount: 1, unit: "days" }),
});
export type WaitConfig = z.infer<typeof waitConfigSchema>;

export const ports = { next: NEXT_PORT } as const;

export const waitDefinition = defineNode({
  type: "wait",
  category: "action",
  label: "Wait",
  description: "Pauses the run for a while before the next step.",
  icon: Clock,
  configSchema: waitConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [ports.next],
  fields: { duration: { label: "Wait for", control: "duration" } },
  summarize: (config) => `Wait ${formatDuration(config.duration)}`,
  needsConversation: false,
  waitEnds: { timeout: ports.next.id },
  validate: (config) => durationTooLong("duration", config.duration),
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
