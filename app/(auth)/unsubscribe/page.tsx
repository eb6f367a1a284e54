import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { InlineStatus } from "@/components/ui/inline-status";
import { getDb } from "@/lib/db/client";
import { readUnsubscribeLink } from "@/lib/email/unsubscribe-link";

export const metadata: Metadata = { title: "Unsubscribe", referrer: "no-referrer", robots: { index: false } };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Where an email's unsubscribe link lands: one button, which posts to the one-click route
 * (app/api/email/unsubscribe) exactly as a mail client's one-click does. Opening the page alone
 * changes nothing, since mail scanners open links.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: SearchParams }) {
  const link = await readUnsubscribeLink(getDb(), await searchParams);
  if (!link) {
    return (
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold tracking-tight">Unsubscribe</h1>
        </CardHeader>
        <CardContent>
          <InlineStatus tone="error">This unsubscribe link is not valid. Use the link in the most recent email you received.</InlineStatus>
        </CardContent>
      </Card>
    );
  }
  const name = link.workspace.name;
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight break-words">{link.unsubscribed ? "You are unsubscribed" : `Unsubscribe from ${name}`}</h1>
      </CardHeader>
      <CardContent className="grid gap-4">
        {link.unsubscribed ? (
          <InlineStatus tone="success">{name} will send you no more emails.</InlineStatus>
        ) : (
          <>
            <p className="text-sm text-muted-foreground">You will no longer receive emails from {name}. Replies to messages you send them still reach you.</p>
            <form method="post" action={`/api/email/unsubscribe?${link.query}`}>
              <input type="hidden" name="List-Unsubscribe" value="One-Click" />
              <input type="hidden" name="then" value="page" />
              <Button type="submit" className="w-full">
                Unsubscribe
              </Button>
            </form>
          </>
        )}
      </CardContent>
    </Card>
  );
}
