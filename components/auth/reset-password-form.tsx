"use client";

import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { fieldDescribedBy, Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { resetPasswordAction } from "@/lib/actions/account";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

type Errors = { password?: string; confirm?: string; form?: string };

export function ResetPasswordForm({ token }: { token: string }) {
  const [pending, startTransition] = useTransition();
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setErrors({ confirm: "The two passwords are not the same." });
      return;
    }
    startTransition(async () => {
      const result = await resetPasswordAction({ token, password });
      if (result.ok) {
        setDone(true);
        return;
      }
      const field = result.fieldErrors?.password?.[0];
      setErrors(field ? { password: field } : { form: result.error });
    });
  }

  if (done) {
    return (
      <div className="grid gap-4">
        <InlineStatus tone="success">Your password was changed, and every session of your account was signed out. Sign in with the new password.</InlineStatus>
        <Link href="/sign-in" className={buttonVariants({ className: "w-full" })}>
          Sign in
        </Link>
      </div>
    );
  }

  const hint = `At least ${MIN_PASSWORD_LENGTH} characters.`;
  return (
    <form className="grid gap-4" onSubmit={onSubmit} noValidate>
      {errors.form ? <InlineStatus tone="error">{errors.form}</InlineStatus> : null}
      <Field id="password" label="New password" hint={hint} error={errors.password}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          autoFocus
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={fieldDescribedBy("password", { hint, error: errors.password })}
        />
      </Field>
      <Field id="confirm" label="Repeat the new password" error={errors.confirm}>
        <Input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={errors.confirm ? true : undefined}
          aria-describedby={fieldDescribedBy("confirm", { error: errors.confirm })}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
