import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "playwright-report/**", "test-results/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    // One import style: project modules by their path from the root ("@/lib/…"), siblings and
    // children with "./". A "../" path says nothing about where a module lives.
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["../*"], message: "Import project modules as \"@/…\" (siblings as \"./…\")." }] }],
    },
  },
  {
    // The layers point one way: lib/ (services, queries, the engine) never reaches up into the
    // pages, the components or the server actions that call it.
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    ignores: ["lib/actions/**", "**/*.test.ts", "**/*.test.tsx", "**/__tests__/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["../*"], message: "Import project modules as \"@/…\" (siblings as \"./…\")." },
            { group: ["@/components/*", "@/app/*", "@/lib/actions/*"], message: "lib/ never imports from components/, app/ or lib/actions: they call lib, not the other way round." },
          ],
        },
      ],
    },
  },
  {
    // process.env is read (and, for launchers, written) only in lib/env.ts, through its schema;
    // tests set it, and the per-file test setup puts it back.
    ignores: ["lib/env.ts", "lib/testing/test-file-setup.ts", "**/*.test.ts", "**/*.test.tsx", "**/__tests__/**", "e2e/**", "*.config.ts", "*.config.mjs"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read the environment through lib/env.ts (readEnv), where every variable is validated." }],
    },
  },
  {
    // The run's PostgreSQL is reached through lib/testing/test-database.ts only: `npm run
    // test:integration` finds the suites that use it as those importing that module.
    ignores: ["lib/testing/test-database.ts"],
    rules: {
      "no-restricted-syntax": ["error", { selector: "CallExpression[callee.name='inject'][arguments.0.value='testAdminUrl']", message: "Use testAdminUrl() or useTestDatabase() from @/lib/testing/test-database." }],
    },
  },
  {
    // Test helpers such as useTestDatabase are not React hooks.
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "lib/testing/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
);
