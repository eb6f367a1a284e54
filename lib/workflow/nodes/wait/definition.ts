import { z } from "zod";
import { durationSchema, formatDuration } from "../../duration";
import { defineNode, INPUT_PORT, NEXT_PORT } from "../../node-definition";

export const waitConfigSchema = z.strictObject({
  duration: durationSchema.default({ amount: 1, unit: "days" }),
});
export type WaitConfig = z.infer<typeof waitConfigSchema>;

export const waitDefinition = defineNode({
  type: "wait",
  category: "action",
  label: "Wait",
  description: "Pauses the run for a while before the next step.",
  icon: "Clock",
  configSchema: waitConfigSchema,
  inputs: [INPUT_PORT],
  outputs: [NEXT_PORT],
  fields: { duration: { label: "Wait for" } },
  summarize: (config) => `Wait ${formatDuration(config.duration)}`,
  needsConversation: false,
});
