import { Upload } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";

/**
 * Contacts' header: the way to Contacts › Import, shown to those who may import (owners, admins).
 * Reads the member's role itself (cached per request), so the page only places it.
 */
export async function ImportContactsButton({ workspaceId }: { workspaceId: string }) {
  const { role } = await requireWorkspacePage(workspaceId);
  if (!BUILDER_ROLES.includes(role)) return null;
  return (
    <Button asChild variant="outline" size="sm">
      <Link href={`/${workspaceId}/contacts/import`}>
        <Upload aria-hidden />
        Import
      </Link>
    </Button>
  );
}
