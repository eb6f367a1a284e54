import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(z.string().url().optional()),
  PARLEY_DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default("localhost"),
  AUTH_SECRET: optionalString,
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: optionalString,
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  PARLEY_RUN_WORKER: z.enum(["true", "false"]).default("true"),
  PARLEY_SEED: z.enum(["true", "false"]).default("true"),
  WEBHOOK_ALLOWED_HOSTS: optionalString,
});

export type Env = z.infer<typeof envSchema>;

/** Parsed on each call so launchers that set variables (e.g. DATABASE_URL) are seen. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function dataDir(env: Env = readEnv()): string {
  return path.resolve(env.PARLEY_DATA_DIR);
}
