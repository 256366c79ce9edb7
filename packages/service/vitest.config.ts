/**
 * Lets `cd packages/audit && npx vitest run` run this package's tests alone; without it vitest picks
 * up the workspace config, whose project roots are relative to the repository root.
 */
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "**/*.int.test.ts"],
    maxWorkers: 2,
    testTimeout: 30_000,
  },
})
