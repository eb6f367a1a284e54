import { Merge } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { ROLE_RANK } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { EraseContactButton } from "./erase-contact-button";

/** The contact page's Merge and Delete, for owners and admins (agents see neither). */
export async function ContactPageActions({ workspaceId, contact }: { workspaceId: string; contact: { id: string; name: string } }) {
  const { workspace, role } = await requireWorkspacePage(workspaceId);
  if (ROLE_RANK[role] < ROLE_RANK.admin) return null;
  return (
    <>
      <Button asChild variant="outline" size="sm">
        <Link href={`/${workspace.id}/contacts/${contact.id}/merge`}>
          <Merge aria-hidden />
          Merge…
        </Link>
      </Button>
      <EraseContactButton workspaceId={workspace.id} contact={contact} />
    </>
  );
}
