/**
 * THE name a contact is shown by, everywhere (inbox, thread, contact pages, builder, run logs):
 * their name, else their email, else their phone, else "Anonymous visitor" (a chat visitor who
 * has not said who they are). Client-safe.
 */
export function contactDisplayName(contact: {
  firstName: string | null;
  lastName: string | null;
  email?: string | null;
  phone?: string | null;
}): string {
  const name = [contact.firstName, contact.lastName].filter((part) => part && part.trim() !== "").join(" ");
  return name || contact.email || contact.phone || "Anonymous visitor";
}

/** The contact's own name only (what a message they wrote is signed with), or null. */
export function contactPersonalName(contact: { firstName: string | null; lastName: string | null }): string | null {
  return [contact.firstName, contact.lastName].filter((part) => part && part.trim() !== "").join(" ") || null;
}
