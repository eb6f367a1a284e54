"use server";

import { revalidatePath } from "next/cache";
import { deleteIntegration, redeliver, rotateSigningSecret, saveIntegration } from "@/lib/webhooks/integrations";
import { integrationRefSchema, redeliverSchema, saveIntegrationSchema } from "@/lib/webhooks/integrations.validation";
import { workspaceAction } from "./safe-action";

// Only owners and admins change integrations; the Enterprise gate is inside each service.
const refreshSettings = (workspaceId: string) => revalidatePath(`/${workspaceId}/settings`, "layout");

export const saveIntegrationAction = workspaceAction({ schema: saveIntegrationSchema, minimumRole: "admin", revalidate: refreshSettings }, saveIntegration);

/** Returns the new secret: the browser shows it once. Nothing else on the page changes. */
export const rotateSigningSecretAction = workspaceAction({ schema: integrationRefSchema, minimumRole: "admin" }, rotateSigningSecret);

export const deleteIntegrationAction = workspaceAction({ schema: integrationRefSchema, minimumRole: "admin", revalidate: refreshSettings }, deleteIntegration);

export const redeliverWebhookAction = workspaceAction({ schema: redeliverSchema, minimumRole: "admin", revalidate: refreshSettings }, redeliver);
