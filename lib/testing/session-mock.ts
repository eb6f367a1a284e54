import type { SessionUser } from "@/lib/auth/session";

/**
 * Who the mocked session says is signed in. Only the session cookie is simulated: membership,
 * roles and every query still run against the real test database.
 */
export const signedIn: { user: SessionUser | null } = { user: null };

export function signInAs(user: { id: string; name?: string; email?: string }) {
  signedIn.user = { id: user.id, name: user.name ?? "Test", email: user.email ?? "test@example.com", avatarUrl: null };
}

/**
 * The module lib/auth/session.ts is replaced with in action and route tests:
 *   vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());
 */
export function mockedSessionModule() {
  return {
    getSessionUser: async () => signedIn.user,
    requireSessionUser: async () => {
      const { unauthorized } = await import("@/lib/errors");
      if (!signedIn.user) throw unauthorized();
      return signedIn.user;
    },
  };
}
