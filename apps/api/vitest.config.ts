/**
 * Lets `cd apps/api && npx vitest run` run this app's tests alone; without it vitest picks up the
 * workspace config, whose project roots are relative to the repository root. `*.int.test.ts`
 * (real PostgreSQL) run only with `LEDGER_INT_TESTS=1`.
 */
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: [
      "**/node_modules/**",
      "**/dist/**",
      ...(process.env["LEDGER_INT_TESTS"] === "1" ? [] : ["**/*.int.test.ts"]),
    ],
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
})
