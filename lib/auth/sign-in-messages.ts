// Client-safe: shared by the credentials provider (which throws these) and the sign-in form
// (which shows them). Only these known texts are ever shown, never an arbitrary `?error=`.

export const WRONG_CREDENTIALS = "That email and password don't match an account.";

export function throttledMessage(seconds: number): string {
  return `Too many failed attempts. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}

const THROTTLED = /^Too many failed attempts\. Try again in \d+ seconds?\.$/;

const BY_CODE: Record<string, string> = {
  CredentialsSignin: WRONG_CREDENTIALS,
  AccessDenied: "No Parley account uses that email address. Ask a workspace owner to invite you.",
  SessionRequired: "Sign in to continue.",
  OAuthSignin: "Signing in with that provider didn't work. Please try again.",
  OAuthCallback: "Signing in with that provider didn't work. Please try again.",
  OAuthCreateAccount: "Signing in with that provider didn't work. Please try again.",
  OAuthAccountNotLinked: "That email address is already used with another way of signing in.",
  Callback: "Signing in didn't work. Please try again.",
};

export const GENERIC_SIGN_IN_ERROR = "Signing in didn't work. Please try again.";

/** Turns next-auth's error (a code, or the message our authorize() threw) into text to show. */
export function signInErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null;
  if (error === WRONG_CREDENTIALS || THROTTLED.test(error)) return error;
  return BY_CODE[error] ?? GENERIC_SIGN_IN_ERROR;
}
