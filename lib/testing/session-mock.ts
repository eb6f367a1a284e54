import type { SessionUser } from "@/lib/auth/session";

/**
 * Who the mocked session says is signed in. Only the session cookie is simulated: membership,
 * roles and every query still run against the real test database.
 */
export const signedIn: { user: SessionUser | null } = { user: null };

export function signInAs(user: { id: string; name?: string; email?: string }) {
  signedIn.user = { id: user.id, name: user.name ?? "Test", email: user.email ?? "test@example.com", avatarUrl: null };
}
