import { sql } from "drizzle-orm";
import { attributeTypesOf } from "@/lib/contacts/attribute-definitions";
import { addNotes, type NoteInput } from "@/lib/conversations/agent-actions";
import { uuidArray } from "@/lib/db/sql-params";
import { NO_CONVERSATION, type Executor, type StepOutcome } from "@/lib/workflow/engine/executor-types";
import { batchRenderer, describeRenderFailure, renderContextFor, type ContactRow } from "@/lib/workflow/engine/personalize";
import { ports, type AddNoteConfig } from "./definition";

export const executor: Executor<AddNoteConfig> = async ({ ctx, ctx: { tx, workspace }, node, runs }) => {
  // Set-based: the whole batch's contacts in one statement.
  const contactRows = await tx.execute<ContactRow>(sql`
    SELECT id, first_name, last_name, email, phone, company, attributes FROM contacts
    WHERE workspace_id = ${workspace.id} AND id = ANY(${uuidArray(runs.map((run) => run.contactId))})`);
  const contacts = new Map(contactRows.rows.map((row) => [row.id, row]));
  const render = batchRenderer(node.config.message);
  const attributeTypes = await attributeTypesOf(tx, workspace.id);
  const notes: NoteInput[] = [];
  const outcomes = runs.map((run): StepOutcome => {
    const conversationId = run.context.conversationId;
    if (!conversationId) return { kind: "fail", error: NO_CONVERSATION };
    const contact = contacts.get(run.contactId);
    if (!contact) return { kind: "fail", error: "This contact no longer exists." };
    const rendered = render(renderContextFor(contact, { sessionId: run.context.sessionId, senderName: "Workflow", attributeTypes }));
    if (!rendered.ok) return { kind: "fail", error: describeRenderFailure(rendered, "The note") };
    notes.push({
      conversationId,
      content: { json: rendered.json, html: rendered.html, text: rendered.text },
      author: { userId: null, name: "Workflow", type: "system" },
      // A re-run of this step (a retried job) finds its note already there.
      dedupeKey: `note:${run.id}:${node.id}`,
    });
    return { kind: "next", port: ports.next.id };
  });
  await addNotes(ctx, { notes });
  return outcomes;
};
