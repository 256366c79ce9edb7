/**
 * A new embedded store is created in a short-lived child process, not in the server. Creating a
 * PGlite folder runs PostgreSQL's `initdb` in a WebAssembly instance of its own (≈ 200 MiB of
 * memory, plus the compiled module); even after the server collects it (`start-garbage.ts`), the
 * process keeps ≈ 85 MiB more resident than one that opened an existing folder (the allocator does
 * not give back what `initdb` and its compilation spread over). A child that creates and migrates
 * the folder and exits returns all of it to the system, and the server then opens the folder as on
 * any later start (docs/performance.md, "`pnpm start` memory (PGlite)").
 *
 * @module
 */
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

/** True when `dir` already holds a PostgreSQL data directory (PGlite's, as `initdb` leaves it). */
const initialized = (dir: string): boolean => existsSync(join(dir, "PG_VERSION"))

/**
 * Creates and migrates the embedded store in `dir` in a child process when it does not exist yet;
 * returns whether the folder now holds a store the child made. A child that fails changes nothing the server relies on: the server
 * then opens the folder itself, as before, and reports what is wrong (a lock held by another
 * process, a folder it cannot write). The child runs with this process's Node options, so under tsx
 * it loads `init-store.ts`, and from the bundle `pnpm start` runs, the bundled `init-store.js`.
 * @category constructors
 */
export const createStoreOutOfProcess = async (dir: string): Promise<boolean> => {
  if (initialized(dir)) return false
  const typescript = import.meta.url.endsWith(".ts")
  const entry = fileURLToPath(new URL(`./init-store.${typescript ? "ts" : "js"}`, import.meta.url))
  await new Promise<void>((done) => {
    // The same Node options (tsx's loader, V8 flags), but not a second debugger on the same port.
    const options = process.execArgv.filter((o) => !o.startsWith("--inspect"))
    const child = spawn(process.execPath, [...options, entry, dir], { stdio: "ignore" })
    child.once("error", () => done())
    child.once("exit", () => done())
  })
  return initialized(dir)
}
