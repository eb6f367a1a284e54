import path from "node:path";
import { z } from "zod";
import { INBOX_SORTS } from "./inbox/filters";

/**
 * The one place that reads (and, for launchers, writes) process.env. Every variable Parley knows
 * is in a schema below with its default and meaning; README's Environment table lists them all
 * (a test keeps the two in step). Anything else reads readEnv() or readBenchEnv().
 */

// An empty variable (`PORT=` in a shell or .env file) means "not set", so its default applies.
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function wholeNumber(min: number, max: number) {
  const expected = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: expected }).int(expected).min(min, expected).max(max, expected);
}

const numberVar = (min: number, max: number, fallback: number) => z.preprocess(blankToUndefined, wholeNumber(min, max).default(fallback));
const optionalNumberVar = (min: number, max: number) => z.preprocess(blankToUndefined, wholeNumber(min, max).optional());
const flagVar = (fallback: boolean) =>
  z
    .preprocess(blankToUndefined, z.enum(["true", "false"], { error: 'must be "true" or "false"' }).default(fallback ? "true" : "false"))
    .transform((value) => value === "true");
/** A flag whose absence means "Parley decides" (see where it is read). */
const optionalFlagVar = () =>
  z
    .preprocess(blankToUndefined, z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional())
    .transform((value) => (value === undefined ? undefined : value === "true"));
const textVar = () => z.preprocess(blankToUndefined, z.string().trim().optional());
const urlVar = (protocol: RegExp, example: string) => z.preprocess(blankToUndefined, z.url({ protocol, error: `must be a URL like ${example}` }).optional());

const envSchema = z.object({
  NODE_ENV: z
    .preprocess(blankToUndefined, z.enum(["development", "production", "test"], { error: 'must be "development", "production" or "test"' }).default("development"))
    .describe("Which build runs; `npm start` sets production, `npm run dev` development."),
  DATABASE_URL: urlVar(/^postgres(ql)?$/, "postgres://user:password@host:5432/parley").describe("PostgreSQL to use; unset: the embedded server under PARLEY_DATA_DIR."),
  PARLEY_DATA_DIR: z.preprocess(blankToUndefined, z.string().default(".data")).describe("Embedded database and generated auth secret."),
  PORT: numberVar(1, 65535, 3000).describe("Port the web app listens on."),
  HOSTNAME: z.preprocess(blankToUndefined, z.string().default("localhost")).describe("Host the web app listens on."),
  AUTH_SECRET: textVar().describe("Same as NEXTAUTH_SECRET."),
  NEXTAUTH_SECRET: textVar().describe("Signs session cookies; generated once into the data directory when unset."),
  NEXTAUTH_URL: urlVar(/^https?$/, "https://parley.example.com").describe("Public URL of the app; `npm start` sets http://HOSTNAME:PORT when unset."),
  GITHUB_ID: textVar().describe("GitHub OAuth app id: turns on Sign in with GitHub."),
  GITHUB_SECRET: textVar().describe("GitHub OAuth app secret."),
  GOOGLE_CLIENT_ID: textVar().describe("Google OAuth client id: turns on Sign in with Google."),
  GOOGLE_CLIENT_SECRET: textVar().describe("Google OAuth client secret."),
  WORKER_CONCURRENCY: numberVar(1, 100, 4).describe("Interactive lane: jobs one worker process runs at once besides campaign/bulk work (a reply's next step, assignments, wait deadlines, sends)."),
  WORKER_BULK_CONCURRENCY: numberVar(1, 100, 2).describe("Bulk lane: campaign fan-out batches, imports and housekeeping one worker process runs at once, in slots of their own."),
  PARLEY_RUN_WORKER: flagVar(true).describe("false: `npm start` serves only the web app."),
  PARLEY_SEED: optionalFlagVar().describe("true: seed the demo workspaces; false: never; unset: only on the embedded database, not with DATABASE_URL."),
  PARLEY_RESET_DATA: flagVar(false).describe("true: delete the data directory before starting."),
  SMTP_URL: urlVar(/^smtps?$/, "smtps://user:password@smtp.example.com:465").describe("Outgoing mail server; unset: mail is kept in the mail sandbox (Settings › Mail sandbox)."),
  MAIL_FROM: textVar().describe("Sender of Parley's mail, e.g. \"Parley <parley@example.com>\"; needed with SMTP_URL."),
  PARLEY_SMTP_PORT: optionalNumberVar(1, 65535).describe("Port of Parley's inbound mail listener for email channels' replies (25 behind the reply domain's MX); unset: no listener. The worker process runs it."),
  PARLEY_SMTP_HOST: z.preprocess(blankToUndefined, z.string().default("0.0.0.0")).describe("Address the inbound mail listener binds to."),
  PARLEY_HEALTH_TOKEN: textVar().describe("Bearer token that shows /api/health's details (workers, queue) to a monitor; signed-in owners see them too."),
  WEBHOOK_ALLOWED_HOSTS: textVar().describe("Comma-separated hosts Parley may connect to on private addresses (webhook receivers, SMS providers)."),
  PARLEY_LIVE_RECHECK_MS: numberVar(1, 86_400_000, 30_000).describe("How often an open live stream re-checks that its reader may still read it."),
  PARLEY_AUDIENCE_BATCH_SIZE: numberVar(1, 100_000, 1_000).describe("Contacts one audience fan-out job enters and runs."),
  PARLEY_AGENT_IDLE_MINUTES: numberVar(1, 10_080, 15).describe("Minutes after an agent's last open tab before round robin treats them as Away."),
  PARLEY_DB_POOL_MAX: numberVar(1, 1_000, 10).describe("Connections each process's database pool may open."),
  PARLEY_ATTACHMENT_MAX_BYTES: numberVar(1, 1_073_741_824, 10 * 1024 * 1024).describe("Largest file an agent or a contact may attach, in bytes (10 MB)."),
  PARLEY_LOG_LEVEL: z
    .preprocess(blankToUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"))
    .describe("Least severe log line written (JSON lines on standard output)."),
  PARLEY_LOG_PRETTY: optionalFlagVar().describe("true: one readable line per log entry instead of JSON; unset: readable only in development (`npm run dev`)."),
  PARLEY_METRICS_TOKEN: textVar().describe("Bearer token that /api/metrics (and the worker's metrics port) require; unset: /api/metrics answers 404."),
  PARLEY_WORKER_METRICS_PORT: optionalNumberVar(1, 65535).describe("Port a standalone worker (`npm run worker`) serves its /metrics on (jobs run and failed, its pools); unset: none."),
  PARLEY_WORKER_SHUTDOWN_SECONDS: numberVar(0, 86_400, 30).describe("On SIGTERM, how long a worker lets its jobs in flight finish before it releases them to other workers and exits."),
});

/** Only `npm run bench` and `npm run bench:inbox` read these. */
const benchEnvSchema = z.object({
  BENCH_CONTACTS: numberVar(1, 10_000_000, 100_000).describe("Contacts per workspace in the fan-out benchmark."),
  BENCH_REPLIES: numberVar(0, 100_000, 1_000).describe("Replies timed one after another in the fan-out benchmark."),
  BENCH_ROUNDS: numberVar(1, 100, 3).describe("Fan-out rounds; the targets are judged on their medians."),
  BENCH_WORKER_CONCURRENCY: optionalNumberVar(1, 100).describe("The benchmark worker's concurrency; unset: WORKER_CONCURRENCY."),
  BENCH_SHARED_BUFFERS_MB: optionalNumberVar(16, 1_048_576).describe("shared_buffers of `npm run bench`'s embedded PostgreSQL, in MB; unset: a quarter of the machine's memory."),
  BENCH_STATEMENTS: optionalFlagVar().describe("true: `npm run bench` loads pg_stat_statements and prints each plain fan-out's costliest statements, time per call by tenth of its batches; unset: off."),
  BENCH_CONVERSATIONS: numberVar(1, 100_000_000, 1_000_000).describe("Conversations the inbox benchmark builds."),
  BENCH_ITERATIONS: numberVar(1, 100_000, 200).describe("Timed runs per inbox query."),
  BENCH_EXPLAIN: z
    .preprocess(blankToUndefined, z.enum(INBOX_SORTS, { error: `must be one of ${INBOX_SORTS.join(", ")}` }).optional())
    .describe("Also prints the plans of the first three inbox views in this sort."),
  BENCH_LOAD_CONTACTS: numberVar(1, 100_000, 500).describe("Contacts with open chat pages in the load benchmark."),
  BENCH_LOAD_AGENTS: numberVar(1, 10_000, 100).describe("Agents with open live streams in the load benchmark."),
  BENCH_LOAD_RATE: numberVar(1, 100_000, 200).describe("Contact messages a second, all contacts together, in the load benchmark."),
  BENCH_LOAD_SECONDS: numberVar(1, 600, 25).describe("Seconds of load in the load benchmark."),
  BENCH_LOAD_WARMUP_SECONDS: numberVar(0, 600, 3).describe("Seconds the load benchmark sends at the same rate first, not counted: a fresh web process loading its routes and opening its connections."),
  BENCH_LOAD_PORT: numberVar(1, 65535, 3260).describe("Loopback port of the load benchmark's web process."),
  BENCH_LOAD_PROFILE_DIR: textVar().describe("A directory the load benchmark's web process writes a CPU profile (.cpuprofile) into; unset: none."),
});

export type Env = z.infer<typeof envSchema>;
export type BenchEnv = z.infer<typeof benchEnvSchema>;

/** Names the variables a schema knows, for the README check. */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as (keyof Env)[];
export const BENCH_ENV_VARIABLES = Object.keys(benchEnvSchema.shape) as (keyof BenchEnv)[];

/** An invalid variable: its message is one line naming each bad variable and what it must be. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment: ${problems.join("; ")}`);
    this.name = "InvalidEnvironmentError";
  }
}

/** process.env, or in tests any name → value map. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

function parse<T extends z.ZodType>(schema: T, source: EnvSource): z.output<T> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  // Values are left out on purpose: a bad DATABASE_URL may hold a password.
  throw new InvalidEnvironmentError(parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
}

/** The last parse of process.env, with the raw values it was parsed from. */
let parsedProcessEnv: { raw: (string | undefined)[]; env: Readonly<Env> } | null = null;

/**
 * Parsed again whenever one of its variables changed, so launchers that set variables (e.g.
 * DATABASE_URL) and tests that change one are seen. Otherwise the last parse is returned: the
 * proxy, the live streams and the logger read it on every request and event, and the schema's
 * parse cost 0.1 ms each time (1.5% of the web process's CPU under the load bench) where reading
 * the raw values back costs a hundredth of that.
 */
export function readEnv(source: EnvSource = process.env): Readonly<Env> {
  if (source !== process.env) return parse(envSchema, source);
  const raw = ENV_VARIABLES.map((name) => source[name]);
  if (parsedProcessEnv && raw.every((value, i) => value === parsedProcessEnv!.raw[i])) return parsedProcessEnv.env;
  const env = Object.freeze(parse(envSchema, source));
  parsedProcessEnv = { raw, env };
  return env;
}

export function readBenchEnv(source: EnvSource = process.env): BenchEnv {
  return parse(benchEnvSchema, source);
}

export function dataDir(env: Env = readEnv()): string {
  return path.resolve(env.PARLEY_DATA_DIR);
}

/** What a launcher hands to the code it runs in the same process (Next's server, the worker). */
type ProvidedVariable = "NODE_ENV" | "DATABASE_URL" | "NEXTAUTH_URL" | "NEXTAUTH_SECRET";

/**
 * Launchers pass values on through the environment: `npm start` tells Next's handlers the
 * database it started and the public URL, tests and benchmarks the database they created.
 */
export function provideEnv(values: Partial<Record<ProvidedVariable, string>>, options: { keepGiven?: boolean } = {}): void {
  for (const [name, value] of Object.entries(values)) {
    // keepGiven: a default for the child code, where the operator's own value wins.
    if (options.keepGiven && blankToUndefined(process.env[name]) !== undefined) continue;
    process.env[name] = value;
  }
}

/** This process's environment with some values replaced, for a child process. */
export function childProcessEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
