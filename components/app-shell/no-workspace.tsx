import { Building2 } from "lucide-react";
import Link from "next/link";
import { ParleyLogo } from "@/components/brand/parley-logo";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { CreateWorkspaceButton } from "./create-workspace-dialog";

/** A signed-in person who belongs to no workspace (e.g. removed from their last one). */
export function NoWorkspace({ name }: { name: string }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-subtle px-4">
      <ParleyLogo className="mb-6" />
      <h1 className="sr-only">No workspace</h1>
      <EmptyState
        icon={Building2}
        title={`${name}, you're not in a workspace yet`}
        description="Ask the owner of your team's Parley workspace to add you, or create a workspace of your own. Your inbox opens here."
        action={
          <>
            <CreateWorkspaceButton />
            <Button variant="outline" asChild>
              <Link href="/sign-out">Sign out</Link>
            </Button>
          </>
        }
      />
    </main>
  );
}
