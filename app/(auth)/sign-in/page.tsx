import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { enabledOAuthProviders } from "@/lib/auth/options";
import { getSessionUser } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Re-checked against the database, so a stale cookie of a deleted account shows the form
  // instead of bouncing between here and the app.
  if (await getSessionUser()) redirect(callbackUrl);

  const error = typeof params.error === "string" ? signInErrorMessage(params.error) : null;
  return <SignInForm callbackUrl={callbackUrl} providers={enabledOAuthProviders()} initialError={error} />;
}
