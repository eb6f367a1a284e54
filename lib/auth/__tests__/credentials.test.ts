import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { signInAttempts } = await import("@/lib/db/schema/platform");
const { users } = await import("@/lib/db/schema/workspaces");
const { hashPassword } = await import("@/lib/auth/password");
const { authOptions } = await import("@/lib/auth/options");
const { WRONG_CREDENTIALS } = await import("@/lib/auth/sign-in-messages");
const { recordFailure, secondsLocked, throttleKeys } = await import("@/lib/auth/sign-in-throttle");

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;

// next-auth keeps the configured authorize() under `options`; the provider's own is a stub.
const credentials = authOptions.providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: Authorize } };
const authorize = (email: string, password: string, client = "203.0.113.1") =>
  credentials.options.authorize({ email, password }, { headers: { "x-forwarded-for": client } });

let userId: string;
const email = `agent-${randomUUID()}@example.com`;

beforeAll(async () => {
  const [user] = await getDb()
    .insert(users)
    .values({ email, name: "Test Agent", passwordHash: await hashPassword("correct horse") })
    .returning({ id: users.id });
  userId = user!.id;
});

describe("credentials sign-in", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    await expect(authorize(email.toUpperCase(), "correct horse")).resolves.toMatchObject({ id: userId });
  });

  it("answers a wrong password and an unknown email with the same message", async () => {
    await expect(authorize(email, "wrong")).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(authorize(`nobody-${randomUUID()}@example.com`, "wrong")).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(authorize("not an email", "wrong")).rejects.toThrow(WRONG_CREDENTIALS);
  });

  it("throttles a client after five failures, and a success clears the count", async () => {
    const client = "198.51.100.7";
    for (let i = 0; i < 5; i++) await expect(authorize(email, "wrong", client)).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(authorize(email, "correct horse", client)).rejects.toThrow(/^Too many failed attempts\. Try again in 1 second\.$/);
    // Another client is not locked by this one's guesses…
    await expect(authorize(email, "correct horse", "198.51.100.8")).resolves.toMatchObject({ id: userId });
    // …and that success cleared the account's record (both keys of this client+account pair).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(authorize(email, "correct horse", client)).resolves.toMatchObject({ id: userId });
    expect(await secondsLocked(throttleKeys(email.toLowerCase(), client))).toBe(0);
  });

  it("locks the account when guesses rotate through forged client addresses", async () => {
    const target = `victim-${randomUUID()}@example.com`;
    for (let i = 0; i < 20; i++) await recordFailure(throttleKeys(target, `10.0.0.${i}`));
    expect(await secondsLocked(throttleKeys(target, "10.9.9.9"))).toBeGreaterThan(0);
  });

  it("keeps doubling without overflowing after very many failures", async () => {
    const target = `many-${randomUUID()}@example.com`;
    const keys = throttleKeys(target, "192.0.2.1");
    await getDb().insert(signInAttempts).values({ key: keys.client, failures: 100 });
    await recordFailure(keys);
    expect(await secondsLocked(keys)).toBe(15 * 60);
  });
});
