/**
 * One full garbage collection once the server has started. Opening a new embedded store runs
 * PGlite's `initdb` in a WebAssembly instance of its own whose memory (≈ 200 MiB of ArrayBuffers,
 * plus the data directory it tarred) is dead once the store is open, and loading the fixture leaves
 * its decoded lines behind; V8 returns that memory only at its next full collection, which an idle
 * server may not run for a long time — so a server that created its store would sit at ≈ 900 MiB
 * resident instead of ≈ 500. `pnpm start` creates a new store in a child process instead
 * (`fresh-store.ts`); this still serves the servers that create it themselves (tests, a child that
 * failed) and collects the fixture's garbage. Node has no public API to ask for a collection without `--expose-gc`; V8's documented
 * flag can be set at run time and the `gc` function taken from a fresh context.
 */
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"

/**
 * Runs two full collections a turn of the event loop apart (tens of ms, at start only): the first
 * finds the dead instance, whose memory goes only once its finalizers have run and it is collected
 * again (measured: one collection freed 75 MiB, the second 300 MiB more).
 */
export const collectStartGarbage = async (): Promise<void> => {
  let gc = (globalThis as { readonly gc?: unknown }).gc
  if (typeof gc !== "function") {
    setFlagsFromString("--expose-gc")
    gc = runInNewContext("gc") as unknown
  }
  if (typeof gc !== "function") return
  const collect = gc as () => void
  collect()
  await new Promise((turn) => setTimeout(turn, 10))
  collect()
}
