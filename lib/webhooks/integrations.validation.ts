import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { webhookEventSchema } from "./events";
import { outboundUrlSchema } from "@/lib/net/outbound-url";

export const saveIntegrationSchema = z.object({
  channelId: uuidSchema,
  name: z.string().trim().min(1, "Name the system, e.g. “Amelia AI”.").max(80, "Keep the name under 80 characters."),
  webhookUrl: outboundUrlSchema("https://example.com/parley/webhooks"),
  events: z.array(webhookEventSchema).min(1, "Choose at least one event.").max(10),
  enabled: z.boolean().default(true),
});

export const integrationRefSchema = z.object({ integrationId: uuidSchema });
export const redeliverSchema = z.object({ deliveryId: z.int().positive() });

export type SaveIntegrationInput = z.infer<typeof saveIntegrationSchema>;
export type IntegrationRefInput = z.infer<typeof integrationRefSchema>;
export type RedeliverInput = z.infer<typeof redeliverSchema>;
