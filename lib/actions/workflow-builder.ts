"use server";

import { previewMessageForContact, searchPreviewContacts } from "@/lib/workflow/service/message-preview";
import { previewMessageSchema, searchPreviewContactsSchema } from "@/lib/workflow/service/message-preview.validation";
import { workspaceAction } from "./safe-action";

// The builder's helpers while editing a message: builders (owner/admin) only.

export const previewMessageAction = workspaceAction({ schema: previewMessageSchema, minimumRole: "admin" }, previewMessageForContact);

export const searchPreviewContactsAction = workspaceAction({ schema: searchPreviewContactsSchema, minimumRole: "admin" }, searchPreviewContacts);
