"use client";

import { signIn, signOut } from "next-auth/react";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { acceptInvitationAction } from "@/lib/actions/invitations";

type Props = {
  token: string;
  email: string;
  workspaceName: string;
  /** new: create the account (name, password); existing: the signed-in account joins. */
  mode: "new" | "existing";
};

/** Accepts the invitation, then opens the workspace's inbox (signing a new account in first). */
export function AcceptInvitationForm({ token, email, workspaceName, mode }: Props) {
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = mode === "new" ? String(form.get("name") ?? "") : undefined;
    const password = mode === "new" ? String(form.get("password") ?? "") : undefined;
    startTransition(async () => {
      const result = await acceptInvitationAction({ token, name, password });
      if (!result.ok) {
        setErrors({ name: result.fieldErrors?.name?.[0], password: result.fieldErrors?.password?.[0] });
        setFailure(result.fieldErrors ? null : result.error);
        return;
      }
      const inbox = `/${result.data.workspaceId}/inbox`;
      if (result.data.createdAccount && password) {
        const signedIn = await signIn("credentials", { redirect: false, email, password, callbackUrl: inbox });
        // A full navigation, so the whole app renders with the new session cookie.
        window.location.assign(signedIn?.ok && !signedIn.error ? inbox : `/sign-in?callbackUrl=${encodeURIComponent(inbox)}`);
        return;
      }
      window.location.assign(inbox);
    });
  }

  if (mode === "existing") {
    return (
      <form onSubmit={onSubmit} className="grid gap-3">
        {failure ? <InlineStatus tone="error">{failure}</InlineStatus> : null}
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Joining…" : `Join ${workspaceName}`}
        </Button>
      </form>
    );
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label="Create your account">
      {failure ? <InlineStatus tone="error">{failure}</InlineStatus> : null}
      <Field id="invite-account-email" label="Email">
        <Input id="invite-account-email" value={email} readOnly autoComplete="username" className="bg-subtle" />
      </Field>
      <Field id="invite-name" label="Your name" hint="Contacts see it on the messages you send." error={errors.name}>
        <Input
          id="invite-name"
          name="name"
          autoComplete="name"
          required
          maxLength={80}
          autoFocus
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={fieldDescribedBy("invite-name", { hint: true, error: errors.name })}
        />
      </Field>
      <Field id="invite-password" label="Choose a password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={errors.password}>
        <Input
          id="invite-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={200}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={fieldDescribedBy("invite-password", { hint: true, error: errors.password })}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account and join"}
      </Button>
    </form>
  );
}

/** Signed in as someone else: sign out, then come back to this invitation's page. */
export function SwitchAccountButton({ returnTo, label }: { returnTo: string; label: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="outline"
      className="w-full"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOut({ redirect: false }).catch(() => undefined);
        window.location.assign(returnTo);
      }}
    >
      {pending ? "Signing out…" : label}
    </Button>
  );
}
