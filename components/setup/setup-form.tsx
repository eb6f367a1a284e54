"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { completeSetupAction } from "@/lib/actions/setup";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

type FieldName = "name" | "email" | "password" | "workspaceName";
type Problem = { message: string; signInInstead: boolean } | null;

const FORM_ERROR_ID = "setup-error";

/** The first owner's account and first workspace; then they are signed in and land in its inbox. */
export function SetupForm({ token }: { token: string }) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: FieldName) => String(form.get(name) ?? "");
    setPending(true);
    setProblem(null);
    const result = await completeSetupAction({ token, name: value("name"), email: value("email"), password: value("password"), workspaceName: value("workspaceName") });
    if (!result.ok) {
      const errors: Partial<Record<FieldName, string>> = {};
      for (const name of ["name", "email", "password", "workspaceName"] as const) {
        const message = result.fieldErrors?.[name]?.[0];
        if (message) errors[name] = message;
      }
      setFieldErrors(errors);
      setProblem(Object.keys(errors).length > 0 ? null : { message: result.error, signInInstead: result.code === "conflict" });
      setPending(false);
      return;
    }
    setFieldErrors({});
    const inbox = `/${result.data.workspaceId}/inbox`;
    const signedIn = await signIn("credentials", { redirect: false, email: result.data.email, password: value("password"), callbackUrl: inbox }).catch(() => null);
    // A full navigation, so every server component renders with the new session cookie.
    window.location.assign(signedIn?.ok && !signedIn.error ? inbox : `/sign-in?callbackUrl=${encodeURIComponent(inbox)}`);
  }

  const control = (name: FieldName) => ({
    id: `setup-${name}`,
    name,
    required: true,
    "aria-invalid": fieldErrors[name] ? true : undefined,
    "aria-describedby": fieldDescribedBy(`setup-${name}`, { error: fieldErrors[name], hint: name === "password" || name === "workspaceName" }),
  });

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Set up Parley</h1>
        <p className="text-sm text-muted-foreground">Create the first account, the owner of your first workspace. You can invite your team once you&apos;re in.</p>
      </CardHeader>
      <CardContent className="grid gap-5">
        {problem ? (
          <InlineStatus tone="error" id={FORM_ERROR_ID}>
            {problem.message}
            {problem.signInInstead ? (
              <>
                {" "}
                <Link href="/sign-in" className="font-medium underline underline-offset-2">
                  Sign in
                </Link>
              </>
            ) : null}
          </InlineStatus>
        ) : null}
        <form className="grid gap-4" onSubmit={(event) => void onSubmit(event)} noValidate aria-describedby={problem ? FORM_ERROR_ID : undefined}>
          <Field id="setup-name" label="Your name" error={fieldErrors.name}>
            <Input {...control("name")} autoComplete="name" maxLength={120} autoFocus />
          </Field>
          <Field id="setup-email" label="Email" error={fieldErrors.email}>
            <Input {...control("email")} type="email" autoComplete="username" inputMode="email" maxLength={320} />
          </Field>
          <Field id="setup-password" label="Password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={fieldErrors.password}>
            <Input {...control("password")} type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} maxLength={MAX_PASSWORD_LENGTH} />
          </Field>
          <Field id="setup-workspaceName" label="Workspace name" hint="Your team or company; you can rename it later." error={fieldErrors.workspaceName}>
            <Input {...control("workspaceName")} autoComplete="organization" maxLength={80} />
          </Field>
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Setting up…" : "Create account and workspace"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
