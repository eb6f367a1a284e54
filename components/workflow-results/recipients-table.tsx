import { Download } from "lucide-react";
import Link from "next/link";
import { LocalTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/contact-import/native-select";
import { Label } from "@/components/ui/label";
import { contactDisplayName } from "@/lib/contacts/display-name";
import type { StartNode } from "@/lib/results/results-page-data";
import { RECIPIENT_STATUSES, type RecipientRow, type RecipientStatus } from "@/lib/results/workflow-results";
import { RECIPIENT_STATUS_BADGES, RECIPIENT_STATUS_LABELS } from "./status-labels";

type Props = {
  workspaceId: string;
  workflowId: string;
  startNodes: StartNode[];
  rows: RecipientRow[];
  filter: { node: string | null; status: RecipientStatus | null };
  /** The URL of the next page, when there is one. */
  nextHref: string | null;
  firstHref: string | null;
  csvHref: string;
  chart: string;
};

function conversationHref(workspaceId: string, row: RecipientRow): string | null {
  if (!row.conversationId) return null;
  // A campaign nobody answered is in no inbox view: the contact's page lists it.
  if (!row.opened) return `/${workspaceId}/contacts/${row.contactId}`;
  return `/${workspaceId}/inbox/all/c/${row.conversationId}${row.conversationState === "open" ? "" : `?status=${row.conversationState}`}`;
}

/** Who the workflow reached, newest first: filter by step and status (a GET form: the URL is the state), a page at a time, or all of it as CSV. */
export function RecipientsTable({ workspaceId, workflowId, startNodes, rows, filter, nextHref, firstHref, csvHref, chart }: Props) {
  const labels = new Map(startNodes.map((node) => [node.id, node.label]));
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form action={`/${workspaceId}/workflows/${workflowId}/results`} className="flex flex-wrap items-end gap-2" aria-label="Filter recipients">
          <input type="hidden" name="chart" value={chart} />
          <div className="grid gap-1">
            <Label htmlFor="recipients-node">Step</Label>
            <NativeSelect id="recipients-node" name="node" defaultValue={filter.node ?? ""} className="w-56">
              <option value="">Every step</option>
              {startNodes.map((node) => (
                <option key={node.id} value={node.id}>
                  {node.label}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-1">
            <Label htmlFor="recipients-status">Status</Label>
            <NativeSelect id="recipients-status" name="status" defaultValue={filter.status ?? ""} className="w-40">
              <option value="">Any status</option>
              {RECIPIENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {RECIPIENT_STATUS_LABELS[status]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
        <Button asChild variant="outline">
          <a href={csvHref} download>
            <Download aria-hidden /> Export CSV
          </a>
        </Button>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">
          {filter.node || filter.status ? "No recipient matches these filters." : "Nobody has been reached yet. Recipients appear here as the workflow runs."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full min-w-[40rem] text-sm">
            <caption className="sr-only">Recipients, newest first</caption>
            <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Contact</th>
                <th scope="col" className="px-3 py-2 font-medium">Step</th>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
                <th scope="col" className="px-3 py-2 font-medium">Reason</th>
                <th scope="col" className="px-3 py-2 font-medium">Time</th>
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">Conversation</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const href = conversationHref(workspaceId, row);
                return (
                  <tr key={row.id} className="border-t">
                    <td className="px-3 py-2">
                      <Link href={`/${workspaceId}/contacts/${row.contactId}`} className="font-medium text-primary underline-offset-4 hover:underline">
                        {contactDisplayName({ firstName: row.contactFirstName, lastName: row.contactLastName, email: row.contactEmail, phone: row.contactPhone })}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{labels.get(row.nodeId) ?? "A removed step"}</td>
                    <td className="px-3 py-2">
                      <Badge variant={RECIPIENT_STATUS_BADGES[row.status]}>{RECIPIENT_STATUS_LABELS[row.status]}</Badge>
                    </td>
                    <td className="max-w-xs px-3 py-2 text-muted-foreground">{row.reason ?? ""}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-muted-foreground">
                      <LocalTime value={row.at} />
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {href ? (
                        <Link href={href} className="text-primary underline-offset-4 hover:underline">
                          Conversation
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {nextHref || firstHref ? (
        <nav aria-label="Recipient pages" className="flex gap-2">
          {firstHref ? (
            <Button asChild variant="outline" size="sm">
              <Link href={firstHref}>Newest</Link>
            </Button>
          ) : null}
          {nextHref ? (
            <Button asChild variant="outline" size="sm">
              <Link href={nextHref}>Older recipients</Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
