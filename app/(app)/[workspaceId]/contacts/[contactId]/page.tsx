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
import { ContactConsent } from "@/components/contacts/contact-consent";
import { ContactForm } from "@/components/contacts/contact-form";
import { ContactTags } from "@/components/contacts/contact-tags";
import { FreeAttributes } from "@/components/contacts/free-attributes";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { readContactConsent } from "@/lib/consent/contact-consent";
import { listAttributeDefinitions } from "@/lib/contacts/attribute-definitions";
import { formatAttributeValue } from "@/lib/contacts/attribute-types";
import { listWorkspaceTags } from "@/lib/contacts/workspace-tags";
import { getDb } from "@/lib/db/client";
import { chatLinkFor } from "@/lib/chat/chat-link";
import { getContact, listCampaignMessages, listContactConversations } from "@/lib/db/queries/contacts";
import { isUuid } from "@/lib/inbox/views";

export const metadata: Metadata = { title: "Contact" };

type PageProps = { params: Promise<{ workspaceId: string; contactId: string }> };

const STATE_LABELS = { campaign: "Campaign", open: "Open", snoozed: "Snoozed", closed: "Closed" } as const;

export default async function ContactPage({ params }: PageProps) {
  const { workspaceId, contactId } = await params;
  const { workspace } = await requireWorkspacePage(workspaceId, `/${workspaceId}/contacts/${contactId}`);
  if (!isUuid(contactId)) notFound();
  const contact = await getContact(workspace.id, contactId);
  if (!contact) notFound();
  const [conversations, campaigns, chatLinks, definitions, workspaceTags, consent] = await Promise.all([
    listContactConversations(workspace.id, contact.id),
    listCampaignMessages(workspace.id, contact.id),
    chatLinkFor(workspace.id, contact),
    listAttributeDefinitions(getDb(), workspace.id),
    listWorkspaceTags(getDb(), workspace.id),
    readContactConsent(getDb(), workspace.id, contact),
  ]);
  const consentRow = (kind: keyof typeof consent) => ({ ...consent[kind], updatedAt: consent[kind].updatedAt?.toISOString() ?? null });
  const defined = new Set(definitions.map((definition) => definition.key));
  const freeAttributes = Object.entries(contact.attributes).filter(([key]) => !defined.has(key));
  const active = conversations.filter((c) => c.state === "open" || c.state === "snoozed");
  const past = conversations.filter((c) => c.state === "closed");

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
      <div className="grid gap-6 px-6 py-6 lg:grid-cols-[24rem_1fr]">
        <div className="grid content-start gap-6">
          <Card aria-labelledby="contact-details">
            <CardHeader>
              <CardTitle id="contact-details">Details</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-5">
              <ContactForm
                workspaceId={workspace.id}
                definitions={definitions.map(({ key, label, type, options }) => ({ key, label, type, options }))}
                contact={{
                  id: contact.id,
                  firstName: contact.firstName,
                  lastName: contact.lastName,
                  email: contact.email,
                  phone: contact.phone,
                  company: contact.company,
                  externalId: contact.externalId,
                  attributes: contact.attributes,
                }}
              />
              {freeAttributes.length > 0 ? (
                <FreeAttributes workspaceId={workspace.id} contactId={contact.id} attributes={freeAttributes.map(([key, value]) => [key, formatAttributeValue(undefined, value) ?? "—"])} />
              ) : null}
              <ContactTags workspaceId={workspace.id} contactId={contact.id} tags={contact.tags} suggestions={workspaceTags} />
            </CardContent>
          </Card>

          <Card aria-labelledby="contact-consent">
            <CardHeader>
              <CardTitle id="contact-consent">Consent</CardTitle>
            </CardHeader>
            <CardContent>
              <ContactConsent
                workspaceId={workspace.id}
                contactId={contact.id}
                consent={{ chat: consentRow("chat"), sms: consentRow("sms"), email: consentRow("email") }}
                addresses={{ chat: null, sms: contact.phone, email: contact.email }}
              />
            </CardContent>
          </Card>
        </div>

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
