"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { NativeSelect } from "@/components/contact-import/native-select";
import { InlineStatus } from "@/components/ui/inline-status";
import { Label } from "@/components/ui/label";
import { LocalTime } from "@/components/time/local-time";
import { setContactConsentAction } from "@/lib/actions/contacts";
import { CONSENT_KINDS, CONSENT_STATUS_LABELS, CONSENT_STATUSES, consentSourceLabel, type ConsentStatus } from "@/lib/consent/consent-status";
import { CHANNEL_KIND_LABELS, type ChannelKind } from "@/lib/workflow/customer-destination";

export type ConsentRow = { status: ConsentStatus; source: string | null; updatedAt: string | null };

/**
 * The contact's consent per channel kind, each changed at once. Bouncing is offered only where the
 * contact has an address that can bounce (an email, a phone number); choosing Subscribed on a
 * bouncing address takes it off the suppression list.
 */
export function ContactConsent({
  workspaceId,
  contactId,
  consent,
  addresses,
}: {
  workspaceId: string;
  contactId: string;
  consent: Record<ChannelKind, ConsentRow>;
  addresses: Record<ChannelKind, string | null>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "success" | "error"; message: string } | null>(null);

  function change(kind: ChannelKind, next: ConsentStatus) {
    startTransition(async () => {
      const result = await setContactConsentAction({ workspaceId, contactId, kind, status: next });
      if (!result.ok) {
        setStatus({ tone: "error", message: result.error });
        return;
      }
      setStatus({ tone: "success", message: `${CHANNEL_KIND_LABELS[kind]}: ${CONSENT_STATUS_LABELS[next].toLowerCase()}.` });
      router.refresh();
    });
  }

  return (
    <div className="grid gap-3">
      <p className="text-sm text-muted-foreground">Workflows and the API start no conversation on a kind the contact is unsubscribed from or bouncing on. Answers to a contact who wrote still go.</p>
      <ul className="grid gap-3">
        {CONSENT_KINDS.map((kind) => {
          const row = consent[kind];
          const id = `consent-${kind}`;
          const how = consentSourceLabel(row.source);
          const canBounce = kind !== "chat" && addresses[kind] !== null;
          return (
            <li key={kind} className="grid gap-1">
              <div className="grid grid-cols-[5rem_1fr] items-center gap-2">
                <Label htmlFor={id}>
                  {CHANNEL_KIND_LABELS[kind]}
                  <span className="sr-only"> consent</span>
                </Label>
                <NativeSelect id={id} value={row.status} disabled={pending} aria-describedby={how || row.updatedAt ? `${id}-how` : undefined} onChange={(event) => change(kind, event.target.value as ConsentStatus)}>
                  {CONSENT_STATUSES.filter((option) => option !== "bouncing" || canBounce || row.status === "bouncing").map((option) => (
                    <option key={option} value={option}>
                      {CONSENT_STATUS_LABELS[option]}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              {how || row.updatedAt ? (
                <p id={`${id}-how`} className="pl-[5.5rem] text-xs text-muted-foreground">
                  {CONSENT_STATUS_LABELS[row.status]} {how}
                  {row.updatedAt ? (
                    <>
                      {" · "}
                      <LocalTime value={row.updatedAt} />
                    </>
                  ) : null}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
    </div>
  );
}
