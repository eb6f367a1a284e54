import { MessageSquareText } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { SavedReplyForm } from "@/components/saved-replies/saved-reply-form";
import { SavedReplyRow } from "@/components/saved-replies/saved-reply-row";
import { SettingsBackLink } from "@/components/settings/settings-back-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { listAttributeDefinitions } from "@/lib/contacts/attribute-definitions";
import { getDb } from "@/lib/db/client";
import { listSavedReplies } from "@/lib/db/queries/saved-replies";
import { documentToPlainText } from "@/lib/rich-text/render";

export const metadata: Metadata = { title: "Saved replies" };

export default async function SavedRepliesPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { user, workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/saved-replies`);
  // The actions check again; this only spares agents buttons that would be refused.
  const canShare = BUILDER_ROLES.includes(role);
  const [replies, definitions] = await Promise.all([listSavedReplies({ workspaceId: workspace.id, userId: user.id }), listAttributeDefinitions(getDb(), workspace.id)]);
  const customVariables = definitions.map((definition) => definition.key);

  return (
    <>
      <PageHeader title="Saved replies" description="Answers you give often, ready in any reply: type / at the start of the composer, or use its Saved replies button." />
      <div className="mx-auto grid max-w-4xl gap-6 px-4 py-6 sm:px-6">
        <SettingsBackLink href={`/${workspace.id}/settings`} label="Settings" />
        <Card aria-labelledby="saved-replies-new">
          <CardHeader>
            <CardTitle id="saved-replies-new">New saved reply</CardTitle>
            <CardDescription>Variables are filled in for the conversation&apos;s contact when you insert the reply.</CardDescription>
          </CardHeader>
          <CardContent>
            <SavedReplyForm workspaceId={workspace.id} canShare={canShare} customVariables={customVariables} />
          </CardContent>
        </Card>
        {replies.length === 0 ? (
          <EmptyState icon={MessageSquareText} title="No saved replies yet" description="Save the answers you type again and again." />
        ) : (
          <Card aria-labelledby="saved-replies-list">
            <CardHeader>
              <CardTitle id="saved-replies-list">Your saved replies</CardTitle>
              <CardDescription>Your personal replies, then the workspace&apos;s shared ones.</CardDescription>
            </CardHeader>
            <CardContent className="px-0 pb-0">
              <ul className="divide-y border-t">
                {replies.map((reply) => (
                  <SavedReplyRow
                    key={reply.id}
                    workspaceId={workspace.id}
                    reply={{ id: reply.id, title: reply.title, body: reply.body, shared: reply.shared, text: documentToPlainText(reply.body) }}
                    canEdit={reply.shared ? canShare : reply.ownerUserId === user.id}
                    canShare={canShare}
                    customVariables={customVariables}
                  />
                ))}
              </ul>
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
