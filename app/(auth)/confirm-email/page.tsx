import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmailForm } from "@/components/auth/confirm-email-form";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { InlineStatus } from "@/components/ui/inline-status";
import { findUsableToken } from "@/lib/auth/one-time-tokens";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Confirm your email address", referrer: "no-referrer" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConfirmEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  const usable = typeof token === "string" ? await findUsableToken(getDb(), "email_change", token) : null;

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Confirm your new email address</h1>
        {usable?.email ? (
          <p className="text-sm text-muted-foreground">
            Sign in to Parley with <strong className="font-medium break-all text-foreground">{usable.email}</strong> from now on.
          </p>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        {usable?.email && typeof token === "string" ? (
          <ConfirmEmailForm token={token} email={usable.email} />
        ) : (
          <>
            <InlineStatus tone="error">This confirmation link has expired or was already used. Ask for a new one on your profile page.</InlineStatus>
            <Link href="/" className={buttonVariants({ variant: "outline", className: "w-full" })}>
              Go to Parley
            </Link>
          </>
        )}
      </CardContent>
    </Card>
  );
}
