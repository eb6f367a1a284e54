"use server";

import { revalidatePath } from "next/cache";
import { createSavedReply, deleteSavedReply, fillSavedReply, updateSavedReply } from "@/lib/saved-replies/saved-replies";
import { createSavedReplySchema, deleteSavedReplySchema, fillSavedReplySchema, updateSavedReplySchema } from "@/lib/saved-replies/saved-replies.validation";
import { workspaceAction } from "./safe-action";

// Any member keeps personal replies; who may change a shared one (owners and admins) is the
// service's rule, since it depends on the reply. The inbox's composers list them: refresh it too.
const refresh = (workspaceId: string) => revalidatePath(`/${workspaceId}`, "layout");

export const createSavedReplyAction = workspaceAction({ schema: createSavedReplySchema, revalidate: refresh }, createSavedReply);

export const updateSavedReplyAction = workspaceAction({ schema: updateSavedReplySchema, revalidate: refresh }, updateSavedReply);

export const deleteSavedReplyAction = workspaceAction({ schema: deleteSavedReplySchema, revalidate: refresh }, deleteSavedReply);

export const fillSavedReplyAction = workspaceAction({ schema: fillSavedReplySchema }, fillSavedReply);
