import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/time/local-time";
import { RedeliverButton } from "./redeliver-button";

type Delivery = {
  id: number;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
};

const STATUS_BADGE = { pending: "warning", delivered: "success", failed: "destructive" } as const;

export function DeliveryLog({ workspaceId, deliveries, canRedeliver }: { workspaceId: string; deliveries: Delivery[]; canRedeliver: boolean }) {
  if (deliveries.length === 0) {
    return <p className="px-5 text-sm text-muted-foreground">No deliveries yet. Events appear here as conversations created with “3rd party systems” change.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Delivery log">
        <thead className="border-b text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">Event</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium">Response</th>
            <th scope="col" className="px-3 py-2 font-medium">Attempts</th>
            <th scope="col" className="px-3 py-2 font-medium">Created</th>
            <th scope="col" className="px-5 py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y align-top">
          {deliveries.map((delivery) => (
            <tr key={delivery.id} data-testid="delivery-row">
              <td className="px-5 py-3">
                <code className="font-mono text-xs">{delivery.event}</code>
                <span className="block text-xs text-muted-foreground">#{delivery.id}</span>
              </td>
              <td className="px-3 py-3">
                <Badge variant={STATUS_BADGE[delivery.status]}>{delivery.status}</Badge>
                {delivery.status === "pending" && delivery.attempts > 0 ? (
                  <span className="block text-xs text-muted-foreground">next try <LocalTime value={delivery.nextAttemptAt} /></span>
                ) : null}
              </td>
              <td className="max-w-xs px-3 py-3">
                {delivery.lastStatusCode ? <code className="font-mono text-xs">{delivery.lastStatusCode}</code> : <span className="text-muted-foreground">—</span>}
                {delivery.lastError ? <span className="block text-xs break-words text-muted-foreground">{delivery.lastError}</span> : null}
              </td>
              <td className="px-3 py-3">{delivery.attempts}</td>
              <td className="px-3 py-3 text-muted-foreground"><LocalTime value={delivery.createdAt} /></td>
              <td className="px-5 py-3 text-right">
                {canRedeliver && delivery.status !== "pending" ? (
                  <RedeliverButton workspaceId={workspaceId} deliveryId={delivery.id} label={`${delivery.event} #${delivery.id}`} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
