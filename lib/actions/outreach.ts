"use server";

import { revalidatePath } from "next/cache";
import { updateOutreachSettings } from "@/lib/outreach/outreach-settings";
import { updateOutreachSettingsSchema } from "@/lib/outreach/outreach-settings.validation";
import { workspaceAction } from "./safe-action";

export const updateOutreachSettingsAction = workspaceAction(
  { schema: updateOutreachSettingsSchema, minimumRole: "admin", revalidate: (workspaceId) => revalidatePath(`/${workspaceId}/settings`) },
  updateOutreachSettings,
);
