import type { JobHelpers } from "graphile-worker";
import { type z } from "zod";

export type TaskDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  handler: (payload: z.infer<S>, helpers: JobHelpers) => Promise<void>;
};

/** A background task: its name, the zod schema its payload must match, and its handler. */
export function defineTask<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: (payload: z.infer<S>, helpers: JobHelpers) => Promise<void>,
): TaskDefinition<S> {
  return { name, schema, handler };
}
