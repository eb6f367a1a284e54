import { UserPlus } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** Contacts › New contact, in the list's header. */
export function NewContactButton({ workspaceId }: { workspaceId: string }) {
  return (
    <Button asChild size="sm">
      <Link href={`/${workspaceId}/contacts/new`}>
        <UserPlus aria-hidden />
        New contact
      </Link>
    </Button>
  );
}
