"use client";

import type { Session } from "next-auth";
import { SessionProvider, useSession } from "next-auth/react";
import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { fieldDescribedBy, Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { changePasswordAction } from "@/lib/actions/account";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

type Errors = { currentPassword?: string; newPassword?: string; confirm?: string };
type Status = { tone: "success" | "error"; message: string; signInAgain?: boolean } | null;

function PasswordFields({ email }: { email: string }) {
  const { update } = useSession();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const currentPassword = String(data.get("currentPassword") ?? "");
    const newPassword = String(data.get("newPassword") ?? "");
    if (newPassword !== String(data.get("confirm") ?? "")) {
      setErrors({ confirm: "The two new passwords are not the same." });
      setStatus(null);
      return;
    }
    startTransition(async () => {
      const result = await changePasswordAction({ currentPassword, newPassword });
      if (!result.ok) {
        const fieldErrors = { currentPassword: result.fieldErrors?.currentPassword?.[0], newPassword: result.fieldErrors?.newPassword?.[0] };
        setErrors(fieldErrors);
        setStatus(fieldErrors.currentPassword || fieldErrors.newPassword ? null : { tone: "error", message: result.error });
        return;
      }
      setErrors({});
      form.reset();
      // The change ended every session signed with the old version, this one too: the proof lets
      // next-auth re-sign this browser's session with the new version.
      const renewed = await update({ sessionProof: result.data.sessionProof }).catch(() => null);
      setStatus(
        renewed
          ? { tone: "success", message: "Password changed. Your other sessions were signed out." }
          : { tone: "success", message: "Password changed, and every session was signed out.", signInAgain: true },
      );
    });
  }

  const hint = `At least ${MIN_PASSWORD_LENGTH} characters.`;
  return (
    <form onSubmit={onSubmit} className="grid gap-3" noValidate>
      {/* Tells password managers which account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} hidden readOnly />
      <Field id="current-password" label="Current password" error={errors.currentPassword}>
        <Input
          id="current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={errors.currentPassword ? true : undefined}
          aria-describedby={fieldDescribedBy("current-password", { error: errors.currentPassword })}
          className="max-w-sm"
        />
      </Field>
      <Field id="new-password" label="New password" hint={hint} error={errors.newPassword}>
        <Input
          id="new-password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          aria-invalid={errors.newPassword ? true : undefined}
          aria-describedby={fieldDescribedBy("new-password", { hint, error: errors.newPassword })}
          className="max-w-sm"
        />
      </Field>
      <Field id="confirm-password" label="Repeat the new password" error={errors.confirm}>
        <Input
          id="confirm-password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={errors.confirm ? true : undefined}
          aria-describedby={fieldDescribedBy("confirm-password", { error: errors.confirm })}
          className="max-w-sm"
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
        {status ? (
          <InlineStatus tone={status.tone}>
            {status.message}
            {status.signInAgain ? (
              <>
                {" "}
                <Link href="/sign-in" className="font-medium underline underline-offset-4">
                  Sign in again
                </Link>
              </>
            ) : null}
          </InlineStatus>
        ) : null}
      </div>
    </form>
  );
}

/** The password form, with the session it renews after a change (next-auth's update()). */
export function PasswordForm({ session, email }: { session: Session | null; email: string }) {
  return (
    // No refetching: this provider exists only for update() after a change.
    <SessionProvider session={session} refetchOnWindowFocus={false}>
      <PasswordFields email={email} />
    </SessionProvider>
  );
}
