import { Users } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await requireWorkspacePage(workspaceId, `/${workspaceId}/contacts`);

  return (
    <>
      <PageHeader title="Contacts" description="The people your team talks to." />
      <EmptyState
        icon={Users}
        title="Your contacts will be listed here"
        description={
          <p>
            Each contact with their name, email, phone, company, attributes and tags. A contact&apos;s page shows their
            conversations, the campaign messages workflows sent them, and lets you open the chat as that contact.
          </p>
        }
      />
    </>
  );
}
