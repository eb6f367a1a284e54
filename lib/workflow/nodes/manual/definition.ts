import { z } from "zod";
import { defineNode, NEXT_PORT } from "../../node-definition";

export const manualConfigSchema = z.strictObject({});
export type ManualConfig = z.infer<typeof manualConfigSchema>;

export const manualDefinition = defineNode({
  type: "manual",
  category: "trigger",
  label: "Manual",
  description: "Starts for the contacts you choose in the builder, or that the API names.",
  icon: "Play",
  configSchema: manualConfigSchema,
  inputs: [],
  outputs: [NEXT_PORT],
  fields: {},
  summarize: () => "Run on chosen contacts",
  needsConversation: false,
});
