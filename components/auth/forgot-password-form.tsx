"use client";

import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { fieldDescribedBy, Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { requestPasswordResetAction } from "@/lib/actions/account";

export function ForgotPasswordForm() {
  const [pending, startTransition] = useTransition();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    startTransition(async () => {
      const result = await requestPasswordResetAction({ email });
      if (result.ok) {
        setError(null);
        setSentTo(email.trim());
      } else {
        const field = result.fieldErrors?.email?.[0];
        setError({ message: field ?? result.error, field });
      }
    });
  }

  const id = "email";
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Forgot your password?</h1>
        <p className="text-sm text-muted-foreground">Enter the email address of your Parley account and we&apos;ll mail you a link to choose a new password.</p>
      </CardHeader>
      <CardContent className="grid gap-5">
        {sentTo ? (
          // The same answer whether or not the address has an account: nothing here tells which.
          <InlineStatus tone="success">
            If <strong className="font-semibold break-all">{sentTo}</strong> belongs to a Parley account, a link to reset its password is on its way. It works
            once, within one hour. No mail server set up? A workspace owner finds the mail in Settings › Mail sandbox.
          </InlineStatus>
        ) : (
          <form className="grid gap-4" onSubmit={onSubmit} noValidate>
            {error && !error.field ? <InlineStatus tone="error">{error.message}</InlineStatus> : null}
            <Field id={id} label="Email" error={error?.field}>
              <Input
                id={id}
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                autoFocus
                aria-invalid={error?.field ? true : undefined}
                aria-describedby={fieldDescribedBy(id, { error: error?.field })}
              />
            </Field>
            <Button type="submit" className="w-full" disabled={pending}>
              {pending ? "Sending…" : "Send reset link"}
            </Button>
          </form>
        )}
        <p className="text-center text-sm">
          <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
            Back to sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
