"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Separator } from "@/components/ui/separator";
import { GENERIC_SIGN_IN_ERROR, signInErrorMessage } from "@/lib/auth/sign-in-messages";
import { OAuthButtons } from "./oauth-buttons";

type SignInFormProps = {
  /** Already checked to be a path on this site. */
  callbackUrl: string;
  providers: { id: string; name: string }[];
  initialError: string | null;
};

const ERROR_ID = "sign-in-error";

export function SignInForm({ callbackUrl, providers, initialError }: SignInFormProps) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl,
      });
      if (result?.ok && !result.error) {
        // A full navigation, so every server component renders with the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setError(signInErrorMessage(result?.error) ?? GENERIC_SIGN_IN_ERROR);
    } catch {
      setError(GENERIC_SIGN_IN_ERROR);
    }
    setPending(false);
    passwordRef.current?.select();
  }

  const describedBy = error ? ERROR_ID : undefined;

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Sign in to Parley</h1>
        <p className="text-sm text-muted-foreground">Use the email and password of your Parley account.</p>
      </CardHeader>
      <CardContent className="grid gap-5">
        {error ? (
          <InlineStatus tone="error" id={ERROR_ID}>
            {error}
          </InlineStatus>
        ) : null}
        <form className="grid gap-4" onSubmit={onSubmit}>
          <div className="grid gap-1.5">
            <Label htmlFor="email">Email</Label>
            <Input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              autoFocus
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="password">Password</Label>
            <Input
              ref={passwordRef}
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />
          </div>
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
          <p className="text-center text-sm">
            <Link href="/forgot-password" className="font-medium text-primary underline-offset-4 hover:underline">
              Forgot password?
            </Link>
          </p>
        </form>
        {providers.length > 0 ? (
          <>
            <div className="flex items-center gap-3 text-xs text-muted-foreground">
              <Separator className="flex-1" />
              or
              <Separator className="flex-1" />
            </div>
            <OAuthButtons providers={providers} callbackUrl={callbackUrl} />
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
