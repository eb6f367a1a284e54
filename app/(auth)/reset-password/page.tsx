import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { InlineStatus } from "@/components/ui/inline-status";
import { findUsableToken } from "@/lib/auth/one-time-tokens";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  // Looked at, not used up: the form's action redeems it, so opening the link twice is harmless.
  const usable = typeof token === "string" ? await findUsableToken(getDb(), "password_reset", token) : null;

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Choose a new password</h1>
        {usable ? <p className="text-sm text-muted-foreground">Every session of your account will be signed out, this one included.</p> : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        {usable && typeof token === "string" ? (
          <ResetPasswordForm token={token} />
        ) : (
          <>
            <InlineStatus tone="error">This reset link has expired or was already used. Links work once, within one hour.</InlineStatus>
            <Link href="/forgot-password" className={buttonVariants({ className: "w-full" })}>
              Ask for a new link
            </Link>
          </>
        )}
      </CardContent>
    </Card>
  );
}
