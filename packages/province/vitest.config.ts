/**
 * Lets `npx vitest run` inside this package run its tests alone (the workspace config's project
 * roots are relative to the repository root). `*.int.test.ts` need PostgreSQL and run only with
 * `LEDGER_INT_TESTS=1`.
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
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
