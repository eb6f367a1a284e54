"use server";

import { revalidatePath } from "next/cache";
import { cancelContactImport, previewContactImport, startContactImport } from "@/lib/contact-imports/contact-imports";
import { cancelContactImportSchema, previewContactImportSchema, startContactImportSchema } from "@/lib/contact-imports/contact-imports.validation";
import { workspaceAction } from "./safe-action";

// Importing is for owners and admins: it writes and overwrites contacts in bulk, creates
// attributes, and feeds every live Audience Matched workflow (messages to thousands of people).
const refreshImports = (workspaceId: string) => revalidatePath(`/${workspaceId}/contacts/import`, "layout");

export const previewContactImportAction = workspaceAction({ schema: previewContactImportSchema, minimumRole: "admin" }, previewContactImport);

export const startContactImportAction = workspaceAction({ schema: startContactImportSchema, minimumRole: "admin", revalidate: refreshImports }, startContactImport);

export const cancelContactImportAction = workspaceAction({ schema: cancelContactImportSchema, minimumRole: "admin", revalidate: refreshImports }, cancelContactImport);
