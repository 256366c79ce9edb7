/**
 * A worker thread running one of the workspace's own modules, started the one way both the embedded
 * store's PGlite thread and the API's replay pool need: under tsx (dev) and Vitest the module is
 * TypeScript, so tsx's loader is registered in the worker before the module loads; a build (`.js`,
 * e.g. the API's bundle, which places each worker module beside its chunk) needs nothing.
 *
 * @module
 */
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"
import { Worker } from "node:worker_threads"

/** The worker's bootstrap (CommonJS, evaluated): register tsx when needed, then load the module. */
const BOOT = `const { workerData } = require("node:worker_threads")
;(workerData.tsx === undefined ? Promise.resolve() : import(workerData.tsx).then((m) => m.register()))
  .then(() => import(workerData.entry))`

/** tsx's ESM API as the module at `base` resolves it (its CommonJS build registers the loader from a wrong relative path). */
const tsxApi = (base: string): string =>
  pathToFileURL(
    createRequire(base)
      .resolve("tsx/esm/api")
      .replace(/\.c?js$/, ".mjs"),
  ).href

/**
 * Starts the module `name` — `./name.ts` or `./name.js` beside `base`, the caller's
 * own module URL, as the caller itself is TypeScript or not — in a worker thread with
 * `workerData` (its `entry` and `tsx` members are this module's).
 * @category constructors
 */
export const startModuleWorker = (
  base: string,
  name: string,
  workerData: Readonly<Record<string, unknown>>,
): Worker => {
  const typescript = base.endsWith(".ts")
  const entry = new URL(`./${name}.${typescript ? "ts" : "js"}`, base).href
  const tsx = typescript ? tsxApi(base) : undefined
  return new Worker(BOOT, { eval: true, workerData: { ...workerData, entry, tsx } })
}
