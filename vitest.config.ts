/**
 * The one vitest entry for the whole workspace: a project per package and app (found on disk, so
 * a new package is tested without editing this file), the benchmark and the root scripts. A
 * package's tests sit in `src/` beside the code or in `scripts/` beside its generators; there are
 * no per-package vitest configs, and `scripts/every-test-runs.test.ts` fails when a test file on
 * disk belongs to no project. Files
 * run at most two at a time (2 shared cores). Integration tests (`*.int.test.ts`) are collected
 * only when `LEDGER_INT_TESTS=1`; each one creates and drops its own uniquely named database.
 */
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
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

/** Every `packages/*` and `apps/*` folder with a package.json. */
const workspaceFolders = (parent: string): string[] =>
  readdirSync(join(import.meta.dirname, parent), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(import.meta.dirname, parent, d.name, "package.json")))
    .map((d) => `${parent}/${d.name}`)
    .sort()

const src = ["src/**/*.test.ts", "src/**/*.test.tsx", "scripts/**/*.test.ts"]

export default defineConfig({
  test: {
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      ...[...workspaceFolders("packages"), ...workspaceFolders("apps")].map((folder) =>
        project(folder.split("/")[1] ?? folder, folder, src),
      ),
      project("bench", "bench", ["**/*.test.ts"]),
      project("scripts", "scripts", ["**/*.test.ts"]),
    ],
  },
})
