import { CHAOS_SCENARIOS } from "@/lib/chaos/scenario-list";

/**
 * `npm run chaos [-- --short] [scenario…]`: runs the fault scenarios one after another (each
 * starts its own PostgreSQL and processes), printing what each did and checked. Exits 1 if any failed.
 */
async function main() {
  const args = process.argv.slice(2);
  const short = args.includes("--short");
  const names = args.filter((arg) => !arg.startsWith("--"));
  const unknown = names.filter((name) => !CHAOS_SCENARIOS.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`unknown scenario: ${unknown.join(", ")}; known: ${CHAOS_SCENARIOS.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  const chosen = names.length > 0 ? CHAOS_SCENARIOS.filter((s) => names.includes(s.name)) : CHAOS_SCENARIOS;
  const results: { name: string; ok: boolean; seconds: number }[] = [];
  for (const scenario of chosen) {
    console.log(`\n== ${scenario.name}${short ? " (short)" : ""}: ${scenario.description}`);
    const started = Date.now();
    const log = (line: string) => console.log(`[${scenario.name} +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
    try {
      await scenario.run({ short, log });
      results.push({ name: scenario.name, ok: true, seconds: (Date.now() - started) / 1000 });
      log("PASSED");
    } catch (error) {
      results.push({ name: scenario.name, ok: false, seconds: (Date.now() - started) / 1000 });
      log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log("\n== summary");
  for (const result of results) console.log(`${result.ok ? "passed" : "FAILED"}  ${result.name}  ${result.seconds.toFixed(1)} s`);
  process.exit(results.every((result) => result.ok) ? 0 : 1);
}

void main();
