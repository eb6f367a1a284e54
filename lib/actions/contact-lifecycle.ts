"use server";

import { revalidatePath } from "next/cache";
import { eraseContact, eraseMatchingContacts } from "@/lib/contacts/contact-erasure";
import { eraseContactSchema, eraseMatchingContactsSchema } from "@/lib/contacts/contact-erasure.validation";
import { mergeContacts } from "@/lib/contacts/contact-merge";
import { mergeContactsSchema } from "@/lib/contacts/contact-merge.validation";
import { workspaceAction } from "./safe-action";

// Erasing and merging are owners' and admins' work: both are irreversible and reach every
// conversation of the person, which the agents answering them rely on. Agents see a contact and
// its history; they ask an admin to forget someone.
const refreshContacts = (workspaceId: string) => {
  revalidatePath(`/${workspaceId}/contacts`, "layout");
  revalidatePath(`/${workspaceId}/inbox`, "layout");
};

export const eraseContactAction = workspaceAction({ schema: eraseContactSchema, minimumRole: "admin", revalidate: refreshContacts }, eraseContact);

export const eraseMatchingContactsAction = workspaceAction(
  { schema: eraseMatchingContactsSchema, minimumRole: "admin", revalidate: refreshContacts },
  eraseMatchingContacts,
);

export const mergeContactsAction = workspaceAction({ schema: mergeContactsSchema, minimumRole: "admin", revalidate: refreshContacts }, mergeContacts);
