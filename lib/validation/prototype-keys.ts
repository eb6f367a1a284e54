import { SafeError } from "@/lib/errors";

// JSON.parse makes "__proto__" an ordinary key, but zod and plain objects drop it silently (it
// names the prototype): refuse it where input comes in, naming where, instead of losing data.
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__"]);

function findPrototypeKey(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findPrototypeKey(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return [...path, key];
      const found = findPrototypeKey((value as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses (400 invalid_input) a "__proto__" key anywhere in parsed input. */
export function assertNoPrototypeKeys(value: unknown, what = "The request"): void {
  const path = findPrototypeKey(value, []);
  if (!path) return;
  throw new SafeError("invalid_input", `${what} uses “__proto__” as a name at “${path.join(".")}”; that name is reserved. Choose another.`, {
    path: path.join("."),
  });
}
