"use server";

import { revalidatePath } from "next/cache";
import { createAttributeDefinition, deleteAttributeDefinition, updateAttributeDefinition } from "@/lib/contacts/attribute-definitions";
import { createAttributeDefinitionSchema, deleteAttributeDefinitionSchema, updateAttributeDefinitionSchema } from "@/lib/contacts/attribute-definitions.validation";
import { addContactTag, createContact, removeContactTag, updateContact } from "@/lib/contacts/contacts";
import { contactTagInputSchema, createContactSchema, updateContactSchema } from "@/lib/contacts/contacts.validation";
import { setContactConsent } from "@/lib/consent/contact-consent";
import { setContactConsentSchema } from "@/lib/consent/contact-consent.validation";
import { workspaceAction } from "./safe-action";

// Everyone in the workspace keeps contacts up to date; what a contact attribute IS (its type, its
// options) is a workspace setting for owners and admins.
const refreshContacts = (workspaceId: string) => revalidatePath(`/${workspaceId}/contacts`, "layout");
const refreshAttributes = (workspaceId: string) => {
  revalidatePath(`/${workspaceId}/settings/contact-attributes`);
  refreshContacts(workspaceId);
};

export const createContactAction = workspaceAction({ schema: createContactSchema, minimumRole: "agent", revalidate: refreshContacts }, createContact);

export const updateContactAction = workspaceAction({ schema: updateContactSchema, minimumRole: "agent", revalidate: refreshContacts }, updateContact);

export const addContactTagAction = workspaceAction({ schema: contactTagInputSchema, minimumRole: "agent", revalidate: refreshContacts }, addContactTag);

export const removeContactTagAction = workspaceAction({ schema: contactTagInputSchema, minimumRole: "agent", revalidate: refreshContacts }, removeContactTag);

export const setContactConsentAction = workspaceAction({ schema: setContactConsentSchema, minimumRole: "agent", revalidate: refreshContacts }, setContactConsent);

export const createAttributeDefinitionAction = workspaceAction({ schema: createAttributeDefinitionSchema, minimumRole: "admin", revalidate: refreshAttributes }, createAttributeDefinition);

export const updateAttributeDefinitionAction = workspaceAction({ schema: updateAttributeDefinitionSchema, minimumRole: "admin", revalidate: refreshAttributes }, updateAttributeDefinition);

export const deleteAttributeDefinitionAction = workspaceAction({ schema: deleteAttributeDefinitionSchema, minimumRole: "admin", revalidate: refreshAttributes }, deleteAttributeDefinition);
