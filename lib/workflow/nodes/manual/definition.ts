import Play from "lucide-react/icons/play";
import { z } from "zod";
import { defineNode, NEXT_PORT } from "@/lib/workflow/node-definition";

export const manualConfigSchema = z.strictObject({});
export type ManualConfig = z.infer<typeof manualConfigSchema>;

export const ports = { next: NEXT_PORT } as const;

export const manualDefinition = defineNode({
  type: "manual",
  category: "trigger",
  label: "Manual",
  description: "Starts for the contacts you choose in the builder, or that the API names.",
  icon: Play,
  configSchema: manualConfigSchema,
  inputs: [],
  outputs: [ports.next],
  fields: {},
  summarize: () => "Run on chosen contacts",
  needsConversation: false,
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
