"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "../db/client";
import { deleteIntegration, redeliver, rotateSigningSecret, saveIntegration } from "../webhooks/integrations";
import { legacyWorkspaceAction as workspaceAction } from "./legacy-action";
import { integrationRefSchema, redeliverSchema, saveIntegrationSchema } from "./integrations.validation";

// Only owners and admins change integrations; the Enterprise gate is inside each service call.

export const saveIntegrationAction = workspaceAction({ schema: saveIntegrationSchema, minimumRole: "admin" }, async (input, { user, workspace }) => {
  const result = await getDb().transaction((tx) =>
    saveIntegration(tx, { workspaceId: workspace.id, plan: workspace.plan, userId: user.id }, input),
  );
  revalidatePath(`/${workspace.id}/settings`, "layout");
  return result;
});

export const rotateSigningSecretAction = workspaceAction({ schema: integrationRefSchema, minimumRole: "admin" }, async (input, { user, workspace }) => {
  const signingSecret = await getDb().transaction((tx) =>
    rotateSigningSecret(tx, { workspaceId: workspace.id, plan: workspace.plan, userId: user.id }, input.integrationId),
  );
  return { signingSecret };
});

export const deleteIntegrationAction = workspaceAction({ schema: integrationRefSchema, minimumRole: "admin" }, async (input, { user, workspace }) => {
  await getDb().transaction((tx) => deleteIntegration(tx, { workspaceId: workspace.id, plan: workspace.plan, userId: user.id }, input.integrationId));
  revalidatePath(`/${workspace.id}/settings`, "layout");
  return { deleted: true };
});

export const redeliverAction = workspaceAction({ schema: redeliverSchema, minimumRole: "admin" }, async (input, { user, workspace }) => {
  await getDb().transaction((tx) => redeliver(tx, { workspaceId: workspace.id, plan: workspace.plan, userId: user.id }, input.deliveryId));
  revalidatePath(`/${workspace.id}/settings`, "layout");
  return { queued: true };
});
