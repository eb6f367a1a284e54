"use server";

import { revalidatePath } from "next/cache";
import { setEmailOpenTracking } from "@/lib/outreach-status/email-open-tracking";
import { setEmailOpenTrackingSchema } from "@/lib/outreach-status/email-open-tracking.validation";
import { workspaceAction } from "./safe-action";

// A workspace setting: owners and admins change it, as they do the channels beside it.
export const setEmailOpenTrackingAction = workspaceAction(
  { schema: setEmailOpenTrackingSchema, minimumRole: "admin", revalidate: (workspaceId: string) => revalidatePath(`/${workspaceId}/settings/conversations`) },
  setEmailOpenTracking,
);
