import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = 3100;
// Set to test an instance that is already running (e.g. `npm run dev`); then no server is started.
const externalBaseUrl = process.env.PARLEY_E2E_BASE_URL;
const baseURL = externalBaseUrl ?? `http://localhost:${PORT}`;

/** The system's Chromium when there is one (CI installs Debian's), else Playwright's own download. */
function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH || process.env.CHROME_PATH;
  if (fromEnv) return fromEnv;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

export default defineConfig({
  testDir: "./e2e",
  // The specs share one seeded database and this machine has two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    // Recording a trace costs about a fifth of the suite's time (its screencast and DOM snapshots,
    // measured on two specs: 70 s against 85 s), so only a retry records one; CI retries once.
    // Locally: `npx playwright test --trace retain-on-failure <spec>`.
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        },
      },
    },
  ],
  webServer: externalBaseUrl
    ? undefined
    : {
        // Builds, migrates, seeds (from an empty data directory) and serves web + worker.
        command: "npm start",
        url: `${baseURL}/api/health`,
        env: {
          PORT: String(PORT),
          PARLEY_DATA_DIR: ".data/e2e",
          PARLEY_RESET_DATA: "true",
          NODE_ENV: "production",
          NEXTAUTH_URL: baseURL,
        },
        timeout: 600_000,
        reuseExistingServer: !process.env.CI,
        stdout: "pipe",
        stderr: "pipe",
      },
});
