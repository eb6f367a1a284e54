"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";

export function SignOutActions() {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function onSignOut() {
    setPending(true);
    setFailed(false);
    try {
      // redirect:false and our own navigation, so we land on this site's sign-in page whatever
      // NEXTAUTH_URL says.
      await signOut({ redirect: false });
      window.location.assign("/sign-in");
    } catch {
      setFailed(true);
      setPending(false);
    }
  }

  return (
    <div className="grid gap-3">
      {failed ? (
        <InlineStatus tone="error">Signing out didn&apos;t work. Check your connection and try again.</InlineStatus>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="outline" asChild>
          <Link href="/">Cancel</Link>
        </Button>
        <Button onClick={onSignOut} disabled={pending}>
          {pending ? "Signing out…" : "Sign out"}
        </Button>
      </div>
    </div>
  );
}
