import { stringify } from "csv-stringify/sync";
import type { DbOrTx } from "@/lib/db/client";
import { contactDisplayName } from "@/lib/contacts/display-name";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import type { StartNode } from "./results-page-data";
import { listRecipients, type RecipientCursor, type RecipientFilter } from "./workflow-results";

/** Rows read per query while streaming: memory holds one page, whatever the workflow's size. */
export const RECIPIENTS_CSV_BATCH = 1_000;

const HEADER = ["Contact", "Contact id", "Email", "Phone", "Step", "Status", "Reason", "Time", "Conversation id"];

/**
 * The workflow's recipients (this filter, newest first) as CSV, a chunk per page read by keyset,
 * the way the Contacts export streams (csv-stringify, formulas escaped, a UTF-8 BOM first).
 */
export async function* recipientsCsvChunks(
  db: DbOrTx,
  input: { workspaceId: string; workflowId: string; startNodes: StartNode[]; filter: RecipientFilter },
  batchSize = RECIPIENTS_CSV_BATCH,
): AsyncGenerator<string> {
  const options = { escape_formulas: true } as const;
  const labels = new Map(input.startNodes.map((node) => [node.id, node.label]));
  yield `\uFEFF${stringify([HEADER], options)}`;
  let after: RecipientCursor | null = null;
  for (;;) {
    const page = await listRecipients(db, { workspaceId: input.workspaceId, workflowId: input.workflowId, startNodeIds: input.startNodes.map((n) => n.id), filter: input.filter, after, limit: batchSize });
    if (page.rows.length > 0) {
      yield stringify(
        page.rows.map((row) => [
          contactDisplayName({ firstName: row.contactFirstName, lastName: row.contactLastName, email: row.contactEmail, phone: row.contactPhone }),
          row.contactId,
          row.contactEmail,
          row.contactPhone,
          labels.get(row.nodeId) ?? row.nodeId,
          row.status,
          row.reason,
          row.at.toISOString(),
          row.conversationId,
        ]),
        options,
      );
    }
    if (!page.next) return;
    after = page.next;
  }
}

/** Records who exported which workflow's recipients (the audit log), before the file streams. */
export async function recordRecipientsExport(ctx: ServiceContext, input: { workflowId: string; filter: RecipientFilter }): Promise<void> {
  await audit(ctx, { action: "workflow.recipients_exported", target: { type: "workflow", id: input.workflowId }, data: { filter: input.filter } });
}
