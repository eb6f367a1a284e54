import { CONTACT_COUNT_CAP, countMatchingContacts } from "@/lib/contacts/count-matching-contacts";
import type { ContactListFilter } from "@/lib/contacts/contact-list-params";
import { getDb } from "@/lib/db/client";

/**
 * "N contacts match", rendered in its own Suspense boundary: the first page of a broad filter
 * at a million contacts is a few milliseconds, counting up to CONTACT_COUNT_CAP of its matches
 * can take longer, and the list should not wait for the number.
 */
export async function ContactMatchCount({ workspaceId, filter }: { workspaceId: string; filter: ContactListFilter }) {
  const matching = await countMatchingContacts(getDb(), workspaceId, filter, { atMost: CONTACT_COUNT_CAP });
  return (
    <p role="status" className="text-sm font-medium" data-testid="contact-count">
      {matching > CONTACT_COUNT_CAP
        ? `More than ${CONTACT_COUNT_CAP.toLocaleString("en")} contacts match`
        : `${matching.toLocaleString("en")} ${matching === 1 ? "contact matches" : "contacts match"}`}
    </p>
  );
}

export function ContactMatchCountPending() {
  return (
    <p role="status" className="text-sm text-muted-foreground">
      Counting matching contacts…
    </p>
  );
}
