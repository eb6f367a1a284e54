import { z } from "zod";
import { webhookEventSchema } from "../webhooks/events";
import { webhookUrlSchema } from "../webhooks/webhook-url";

const workspaceId = z.uuid();

export const saveIntegrationSchema = z.object({
  workspaceId,
  channelId: z.uuid(),
  name: z.string().trim().min(1, "Name the system, e.g. “Amelia AI”.").max(80, "Keep the name under 80 characters."),
  webhookUrl: webhookUrlSchema,
  events: z.array(webhookEventSchema).min(1, "Choose at least one event.").max(10),
  enabled: z.boolean().default(true),
});

export const integrationRefSchema = z.object({ workspaceId, integrationId: z.uuid() });
export const redeliverSchema = z.object({ workspaceId, deliveryId: z.int().positive() });

export type SaveIntegrationInput = z.input<typeof saveIntegrationSchema>;
