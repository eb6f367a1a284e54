import { ExternalLink, MessagesSquare, Send } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/app-shell/page-header";
import { ContactPageActions } from "@/components/contacts/contact-page-actions";
import { LocalTime } from "@/components/time/local-time";
import { OriginBadge } from "@/components/inbox/origin-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { chatLinkFor } from "@/lib/chat/chat-link";
import { getContact, listCampaignMessages, listContactConversations } from "@/lib/db/queries/contacts";
import { isUuid } from "@/lib/inbox/views";

export const metadata: Metadata = { title: "Contact" };

type PageProps = { params: Promise<{ workspaceId: string; contactId: string }> };

const STATE_LABELS = { campaign: "Campaign", open: "Open", snoozed: "Snoozed", closed: "Closed" } as const;

function attributeText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export default async function ContactPage({ params }: PageProps) {
  const { workspaceId, contactId } = await params;
  const { workspace } = await requireWorkspacePage(workspaceId, `/${workspaceId}/contacts/${contactId}`);
  if (!isUuid(contactId)) notFound();
  const contact = await getContact(workspace.id, contactId);
  if (!contact) notFound();
  const [conversations, campaigns, chatLinks] = await Promise.all([
    listContactConversations(workspace.id, contact.id),
    listCampaignMessages(workspace.id, contact.id),
    chatLinkFor(workspace.id, contact),
  ]);
  const active = conversations.filter((c) => c.state === "open" || c.state === "snoozed");
  const past = conversations.filter((c) => c.state === "closed");

  const standard: [string, string | null][] = [
    ["Email", contact.email],
    ["Phone", contact.phone],
    ["Company", contact.company],
    ["External id", contact.externalId],
  ];

  const conversationList = (items: typeof conversations, empty: string) =>
    items.length === 0 ? (
      <p className="px-5 pb-4 text-sm text-muted-foreground">{empty}</p>
    ) : (
      <ul className="divide-y">
        {items.map((c) => (
          <li key={c.id} className="grid gap-1 px-5 py-3">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/${workspace.id}/inbox/all/c/${c.id}${c.state === "open" ? "" : `?status=${c.state}`}`} className="font-medium text-primary underline-offset-4 hover:underline">
                {c.lastMessagePreview || "Conversation"}
              </Link>
              <Badge variant={c.state === "open" ? "success" : c.state === "snoozed" ? "warning" : "neutral"}>{STATE_LABELS[c.state]}</Badge>
              <OriginBadge origin={c.origin} workflowName={c.workflowName} />
            </div>
            <p className="text-xs text-muted-foreground">
              {c.channelName} · last message <LocalTime value={c.lastMessageAt} /> · {c.assigneeName ?? c.assigneeTeamName ?? "Unassigned"}
            </p>
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <PageHeader
        title={contact.name}
        description={<Link href={`/${workspace.id}/contacts`} className="underline-offset-4 hover:underline">All contacts</Link>}
        actions={[
          <ContactPageActions key="manage" workspaceId={workspace.id} contact={{ id: contact.id, name: contact.name }} />,
          chatLinks.length > 0 ? (
            chatLinks.map((link) => (
              <Button key={link.channelId} asChild variant="outline" size="sm">
                <a href={link.href} target="_blank" rel="noopener noreferrer">
                  <ExternalLink aria-hidden />
                  Open chat as this contact{chatLinks.length > 1 ? ` (${link.channelName})` : ""}
                  <span className="sr-only"> (opens in a new tab)</span>
                </a>
              </Button>
            ))
          ) : (
            <p key="no-chat-link" className="max-w-xs text-xs text-muted-foreground">This contact has no external id or email to sign a chat link with.</p>
          ),
        ]}
      />
      <div className="grid gap-6 px-6 py-6 lg:grid-cols-[20rem_1fr]">
        <Card aria-labelledby="contact-details">
          <CardHeader>
            <CardTitle id="contact-details">Details</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-2 text-sm">
              {standard.map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="text-muted-foreground">{label}</dt>
                  <dd className="min-w-0 [overflow-wrap:anywhere]">{value ?? "—"}</dd>
                </div>
              ))}
            </dl>
            <div>
              <h3 className="mb-2 text-sm font-semibold">Attributes</h3>
              {Object.keys(contact.attributes).length === 0 ? (
                <p className="text-sm text-muted-foreground">No custom attributes.</p>
              ) : (
                <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-2 text-sm">
                  {Object.entries(contact.attributes).map(([key, value]) => (
                    <div key={key} className="contents">
                      <dt className="min-w-0 text-muted-foreground [overflow-wrap:anywhere]">{key}</dt>
                      <dd className="min-w-0 [overflow-wrap:anywhere]">{attributeText(value)}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </div>
            <div>
              <h3 className="mb-2 text-sm font-semibold">Tags</h3>
              {contact.tags.length === 0 ? (
                <p className="text-sm text-muted-foreground">No tags.</p>
              ) : (
                <ul className="flex flex-wrap gap-1" aria-label="Tags">
                  {contact.tags.map((tag) => (
                    <li key={tag}>
                      <Badge>{tag}</Badge>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </CardContent>
        </Card>

        <div className="grid content-start gap-6">
          <Card aria-labelledby="contact-open">
            <CardHeader>
              <CardTitle id="contact-open">Open conversations</CardTitle>
              <CardDescription>Open and snoozed conversations, as they are in the inbox.</CardDescription>
            </CardHeader>
            <CardContent className="px-0 pb-0">{conversationList(active, "No open conversations.")}</CardContent>
          </Card>

          <Card aria-labelledby="contact-campaigns">
            <CardHeader>
              <CardTitle id="contact-campaigns" className="flex items-center gap-2">
                <Send className="size-4" aria-hidden />
                Campaign messages
              </CardTitle>
              <CardDescription>Sent by workflows and not answered yet, so in no inbox view.</CardDescription>
            </CardHeader>
            <CardContent className="px-0 pb-0">
              {campaigns.length === 0 ? (
                <p className="px-5 pb-4 text-sm text-muted-foreground">No unanswered campaign messages.</p>
              ) : (
                <ul className="divide-y" aria-label="Campaign messages">
                  {campaigns.map((m) => (
                    <li key={m.conversationId} className="grid gap-1 px-5 py-3">
                      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                        <Badge variant="primary">{m.workflowName ? `Workflow: ${m.workflowName}` : "Workflow"}</Badge>
                        {m.kind === "note" ? <Badge variant="warning">Note</Badge> : null}
                        {m.state === "closed" ? <Badge>Closed unanswered</Badge> : null}
                        <span>
                          {m.senderName ? `From ${m.senderName} · ` : ""}
                          {m.channelName} · <LocalTime value={m.createdAt} />
                        </span>
                      </div>
                      <Link
                        href={`/${workspace.id}/inbox/all/c/${m.conversationId}`}
                        className="text-sm whitespace-pre-line text-foreground underline-offset-4 hover:underline"
                      >
                        {m.text || "(empty message)"}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>

          <Card aria-labelledby="contact-past">
            <CardHeader>
              <CardTitle id="contact-past" className="flex items-center gap-2">
                <MessagesSquare className="size-4" aria-hidden />
                Closed conversations
              </CardTitle>
            </CardHeader>
            <CardContent className="px-0 pb-0">{conversationList(past, "No closed conversations.")}</CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
