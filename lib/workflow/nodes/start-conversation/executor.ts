import { and, eq, sql } from "drizzle-orm";
import { attributeTypesOf } from "@/lib/contacts/attribute-definitions";
import { contactPersonalName } from "@/lib/contacts/display-name";
import { startConversations, type StartConversationInput } from "@/lib/conversations/start-conversation";
import { skipReasonsFor, type Recipient } from "@/lib/consent/consent-skips";
import { startEmailThreads } from "@/lib/email/email-threads";
import type { Tx } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { memberships, users } from "@/lib/db/schema/workspaces";
import { uuidArray } from "@/lib/db/sql-params";
import { isEnterprise } from "@/lib/plans/plan";
import { toE164 } from "@/lib/sms/phone";
import { checkResolvedDestination, DEFAULT_DESTINATION } from "@/lib/workflow/customer-destination";
import { outreachSkipReasons } from "@/lib/outreach/outreach-guards";
import { loadOutreachSettings } from "@/lib/outreach/outreach-settings";
import { sendWindowWaits } from "@/lib/outreach/send-window-waits";
import { failAll, WAIT_FOR, type Executor, type StepOutcome } from "@/lib/workflow/engine/executor-types";
import { loadVersionGraphs } from "@/lib/workflow/engine/version-graphs";
import { definitionOf, findTrigger } from "@/lib/workflow/node-types";
import { batchRenderer, batchTextRenderer, describeRenderFailure, renderContextFor, type ContactRow } from "@/lib/workflow/engine/personalize";
import type { MessageContent } from "@/lib/conversations/message-content";
import type { RenderedMessage } from "@/lib/rich-text/render";
import { ports, senderApplies, type StartConversationConfig } from "./definition";

async function loadChannel(tx: Tx, workspaceId: string, channelId: string | null) {
  const [channel] = await tx
    .select({ id: channels.id, kind: channels.kind })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), channelId ? eq(channels.id, channelId) : and(eq(channels.kind, "chat"), eq(channels.isDefault, true))));
  return channel;
}

async function loadSender(tx: Tx, workspaceId: string, userId: string | null) {
  if (!userId) return undefined;
  const [sender] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspaceId)))
    .where(eq(users.id, userId));
  return sender;
}

/** "For Audience Matched" (the default) means: when this version's trigger is an audience trigger. */
async function skipsOpenConversations(option: StartConversationConfig["skipOpenConversations"], versionId: string, tx: Tx): Promise<boolean> {
  if (option !== "audience_triggers") return option === "always";
  // Versions are cached once parsed: this costs no query after the batch's own load.
  const graph = (await loadVersionGraphs(tx, [versionId])).get(versionId)?.graph;
  const trigger = graph ? findTrigger(graph) : undefined;
  return trigger !== undefined && definitionOf(trigger.type).audienceTrigger === true;
}

export const executor: Executor<StartConversationConfig> = async ({ ctx, ctx: { tx, workspace }, workflowId, versionId, node, runs, newRuns }) => {
  const config = node.config;
  // Third-party fields are Enterprise: publishing refuses them on free, and a workspace that was
  // downgraded since keeps reaching contacts on its default chat without them.
  const enterprise = isEnterprise(workspace.plan);
  const channel = await loadChannel(tx, workspace.id, enterprise ? config.channelId : null);
  if (!channel) return failAll(runs, "The channel of this step no longer exists in this workspace.");

  const found = await loadSender(tx, workspace.id, config.senderUserId);
  // A message recorded as the contact's shows no sender, so a sender who has left does not stop it.
  if (!found && senderApplies(config)) return failAll(runs, "The sender of this step is no longer a member of this workspace.");
  const sender = found ?? { id: null, name: null };

  // Raw SQL on purpose: one JSON value for the whole batch parses faster than a thousand rows.
  const contactRows = await tx.execute<{ contacts: ContactRow[] }>(sql`
    SELECT coalesce(json_agg(c), '[]') AS contacts FROM (
      SELECT id, first_name, last_name, email, phone, company, attributes FROM contacts
      WHERE workspace_id = ${workspace.id} AND id = ANY(${uuidArray(runs.map((run) => run.contactId))})) c`);
  const contacts = new Map(contactRows.rows[0]!.contacts.map((row) => [row.id, row]));

  // Guardrails (lib/outreach). A test run shows the builder what the step does, at once: none apply to it.
  const outreach = await loadOutreachSettings(tx, workspace.id);
  // Outside the send window a run waits (a waiting row and a deadline job, like Wait) and runs this step again when it opens.
  const waits = config.sendWindow
    ? sendWindowWaits(config.sendWindow, outreach.timeZone, runs.flatMap((run) => (run.isTest ? [] : [{ runId: run.id, attributes: contacts.get(run.contactId)?.attributes }])), new Date())
    : new Map<string, number>();

  const renderBody = batchRenderer(config.message);
  // Only a message to the contact reaches them (a note or a From Contact message sends nothing):
  // only that is outreach, which the contact's consent on this channel kind must allow.
  const sends = config.direction === "to_contact" && config.startWith === "message";
  const renderSubject = channel.kind === "email" && config.subject ? batchTextRenderer(config.subject) : null;
  const attributeTypes = await attributeTypesOf(tx, workspace.id);
  const destinationTemplate = enterprise ? config.customerDestination || DEFAULT_DESTINATION[channel.kind] : DEFAULT_DESTINATION[channel.kind];
  const renderDestination = destinationTemplate ? batchTextRenderer(destinationTemplate) : null;
  const renderIdentifier = enterprise && config.customerIdentifier ? batchTextRenderer(config.customerIdentifier) : null;

  // One content object per distinct rendered message (batchRenderer hands the same result to
  // contacts whose values are the same): startConversations sends each distinct content once
  // and computes its preview once, keyed by this object.
  const contents = new WeakMap<RenderedMessage, MessageContent>();
  const contentOf = (body: RenderedMessage): MessageContent => {
    let content = contents.get(body);
    if (!content) {
      content = { json: body.json, html: body.html, text: body.text };
      contents.set(body, content);
    }
    return content;
  };

  const outcomes: (StepOutcome | null)[] = [];
  const inputs: StartConversationInput[] = [];
  const inputRun: number[] = [];
  const subjects: (string | null)[] = [];
  const recipients: Recipient[] = [];
  runs.forEach((run, index) => {
    const waitSeconds = waits.get(run.id);
    if (waitSeconds !== undefined) {
      outcomes.push({ kind: "wait", waitFor: WAIT_FOR.sendWindow, seconds: waitSeconds });
      return;
    }
    const contact = contacts.get(run.contactId);
    if (!contact) {
      outcomes.push({ kind: "fail", error: "This contact no longer exists." });
      return;
    }
    const context = renderContextFor(contact, { sessionId: run.context.sessionId, senderName: sender.name, attributeTypes });
    const body = renderBody(context);
    if (!body.ok) {
      outcomes.push({ kind: "fail", error: describeRenderFailure(body), detail: { missing: body.missing, invalid: body.invalid } });
      return;
    }
    let destination: string | null = null;
    if (renderDestination) {
      const rendered = renderDestination(context);
      if (!rendered.ok) {
        outcomes.push({ kind: "fail", error: `Customer destination: ${describeRenderFailure(rendered, "It")}` });
        return;
      }
      const problem = checkResolvedDestination(channel.kind, rendered.text.trim());
      if (problem) {
        outcomes.push({ kind: "fail", error: `Customer destination: ${problem}` });
        return;
      }
      destination = rendered.text.trim() || null;
    }
    let subject: string | null = null;
    if (renderSubject) {
      const rendered = renderSubject(context);
      if (!rendered.ok) {
        outcomes.push({ kind: "fail", error: `Subject: ${describeRenderFailure(rendered, "It")}` });
        return;
      }
      subject = rendered.text.replace(/\s+/g, " ").trim() || null;
    }
    let identifier: string | null = null;
    if (renderIdentifier) {
      const rendered = renderIdentifier(context);
      if (!rendered.ok) {
        outcomes.push({ kind: "fail", error: `Customer identifier: ${describeRenderFailure(rendered, "It")}` });
        return;
      }
      identifier = rendered.text.trim() || null;
    }
    if (sends) recipients.push({ contactId: contact.id, address: (channel.kind === "sms" ? toE164(destination ?? "") : destination) ?? "" });
    outcomes.push(null);
    inputRun.push(index);
    subjects.push(subject);
    inputs.push({
      contactId: contact.id,
      channelId: channel.id,
      origin: "workflow",
      source: { workflowId, versionId, runId: run.id, nodeId: node.id },
      direction: config.direction,
      startWith: config.startWith,
      content: contentOf(body),
      openMode: config.openMode,
      sender: { userId: sender.id, name: sender.name },
      assignOnOpen: config.assignee,
      contactName: contactPersonalName({ firstName: contact.first_name, lastName: contact.last_name }),
      customerDestination: destination,
      customerIdentifier: identifier,
      thirdParty: enterprise && config.createInThirdParty,
      // A contact who just opened the chat (or a builder testing on themselves) is watching it live.
      announce: run.context.sessionId !== undefined || run.isTest,
      // Its delivery status (lib/outreach-status): a chat message is sent by being written. A test
      // run's message is not outreach, so the workflow's results leave it out.
      outreach: config.direction === "to_contact" && config.startWith === "message" && !run.isTest ? (channel.kind === "chat" ? "sent" : "queued") : null,
    });
  });

  // A contact who unsubscribed from this kind of channel, or whose address bounces, is skipped with
  // the reason, and goes on by Next knowing no conversation was started (a Branch then takes Not started).
  const consentSkips = await skipReasonsFor(tx, { workspaceId: workspace.id, kind: channel.kind, outreach: true, recipients });
  const skips = new Map([...consentSkips].map(([contactId, skip]) => [contactId, skip.reason]));
  // Then the guardrails, on those still to be reached (their contacts locked until commit, so a
  // cap shared with another workflow fanning out at once holds).
  const guarded = await outreachSkipReasons(
    tx,
    workspace.id,
    inputs.filter((input, i) => !skips.has(input.contactId) && !runs[inputRun[i]!]!.isTest).map((input) => input.contactId),
    {
      skipOpenConversations: await skipsOpenConversations(config.skipOpenConversations, versionId, tx),
      frequencyCap: config.direction === "to_contact" && config.startWith === "message" ? outreach.frequencyCap : null,
    },
  );
  for (const [contactId, reason] of guarded) skips.set(contactId, reason);
  const keep = inputs.map((input) => !skips.has(input.contactId));
  inputs.forEach((input, i) => {
    const reason = skips.get(input.contactId);
    if (reason) outcomes[inputRun[i]!] = { kind: "skip", reason, port: ports.next.id, context: { conversationId: undefined, startSkipped: reason } };
  });
  const kept = inputs.filter((_, i) => keep[i]);
  const keptRun = inputRun.filter((_, i) => keep[i]);
  const keptSubjects = subjects.filter((_, i) => keep[i]);

  const started = await startConversations(ctx, { conversations: kept, newRuns });
  started.forEach((result, i) => {
    // The conversation, with this run and node, is the step's record in the run's log.
    outcomes[keptRun[i]!] = { kind: "next", port: ports.next.id, context: { conversationId: result.conversationId, startSkipped: undefined }, recordedBy: "conversation" };
  });
  if (channel.kind === "email") {
    // The thread of each new email conversation: its subject and reply token, written in the
    // transaction that queued its first email (the send job reads them).
    await startEmailThreads(tx, {
      workspaceId: workspace.id,
      channelId: channel.id,
      threads: started.flatMap((result, i) => (result.created ? [{ conversationId: result.conversationId, subject: keptSubjects[i] ?? null }] : [])),
    });
  }
  return outcomes.map((outcome) => outcome!);
};
