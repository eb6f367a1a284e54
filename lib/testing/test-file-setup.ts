// Runs before every test file (vitest.config.ts setupFiles). Most files share a process with the
// files before them, so what one changes in the process is put back before the next one runs.
import { afterAll } from "vitest";
// What a Next server loads first: AsyncLocalStorage on globalThis, which Next's request stores
// are made from. Whichever file first loaded them would otherwise decide whether they work.
import "next/dist/server/node-environment-baseline.js";
import { signedIn } from "@/lib/testing/session-mock";

const environmentAtStart = { ...process.env };

afterAll(() => {
  for (const name of Object.keys(process.env)) {
    if (!(name in environmentAtStart)) delete process.env[name];
  }
  Object.assign(process.env, environmentAtStart);
  // The session mock's state is shared by the files of the "signed-in" project: each starts signed out.
  signedIn.user = null;
});
