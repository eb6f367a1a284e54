import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { ContactForm } from "@/components/contacts/contact-form";
import { Card, CardContent } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { listAttributeDefinitions } from "@/lib/contacts/attribute-definitions";
import { listWorkspaceTags } from "@/lib/contacts/workspace-tags";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "New contact" };

export default async function NewContactPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace } = await requireWorkspacePage(workspaceId, `/${workspaceId}/contacts/new`);
  const [definitions, tags] = await Promise.all([listAttributeDefinitions(getDb(), workspace.id), listWorkspaceTags(getDb(), workspace.id)]);
  return (
    <>
      <PageHeader
        title="New contact"
        description={
          <Link href={`/${workspace.id}/contacts`} className="underline-offset-4 hover:underline">
            All contacts
          </Link>
        }
      />
      <div className="mx-auto grid max-w-3xl gap-6 px-4 py-6 sm:px-6">
        <Card>
          <CardContent className="pt-6">
            <ContactForm
              workspaceId={workspace.id}
              definitions={definitions.map(({ key, label, type, options }) => ({ key, label, type, options }))}
              tagSuggestions={tags}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
