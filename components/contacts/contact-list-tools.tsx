import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ROLE_RANK } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { contactListFilterFromSearchParams, contactListSearchParams } from "@/lib/contacts/contact-list-params";
import { EraseMatchingContactsButton } from "./erase-matching-contacts-button";

/**
 * The Contacts list's export and erase controls, for the list as its URL filters it (the same
 * search params the list reads): Export CSV for every member, Delete matching contacts for owners
 * and admins.
 */
export async function ContactListTools({ workspaceId, searchParams }: { workspaceId: string; searchParams: Record<string, string | string[] | undefined> }) {
  const { workspace, role } = await requireWorkspacePage(workspaceId);
  const { filter, unsearchable } = contactListFilterFromSearchParams(searchParams);
  if (unsearchable) return null;
  const query = contactListSearchParams(filter).toString();
  return (
    <>
      <Button asChild variant="outline" size="sm">
        <a href={`/api/workspaces/${workspace.id}/contacts/export${query ? `?${query}` : ""}`} download>
          <Download aria-hidden />
          Export CSV
        </a>
      </Button>
      {ROLE_RANK[role] >= ROLE_RANK.admin ? <EraseMatchingContactsButton workspaceId={workspace.id} filter={filter} /> : null}
    </>
  );
}
