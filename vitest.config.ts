/**
 * The one vitest entry for the whole workspace: a project per package, app, the benchmark and the
 * root scripts. Files run a few at a time (2 shared cores); integration tests (`*.int.test.ts`)
 * run only when `LEDGER_INT_TESTS=1`, and each creates its own uniquely named database.
 */
import { defineConfig } from "vitest/config"

const INT = "**/*.int.test.ts"
const runIntegration = process.env["LEDGER_INT_TESTS"] === "1"

/** A project for one workspace folder; its tests sit beside the code. */
const project = (name: string, root: string, include: string[]) => ({
  extends: true as const,
  test: {
    name,
    root,
    include,
    exclude: ["**/node_modules/**", "**/dist/**", ...(runIntegration ? [] : [INT])],
  },
})

const src = ["src/**/*.test.ts", "src/**/*.test.tsx"]

export default defineConfig({
  test: {
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      project("domain", "packages/domain", src),
      project("eventstore", "packages/eventstore", src),
      project("store-postgres", "packages/store-postgres", src),
      project("projections", "packages/projections", src),
      project("render", "packages/render", src),
      project("api", "apps/api", src),
      project("cli", "apps/cli", src),
      project("admin", "apps/admin", src),
      project("bench", "bench", ["**/*.test.ts"]),
      project("scripts", "scripts", ["**/*.test.ts"]),
    ],
  },
})
