/**
 * PGlite's start parameters, shared by the store in this thread and the one in a worker thread
 * (`pglite-thread.ts`), so both run the same PostgreSQL configuration.
 */
import { PGlite } from "@electric-sql/pglite"

/**
 * Smaller buffers than PostgreSQL's defaults (shared_buffers 128 MB → 16 MB): PGlite's memory is
 * resident in the Node process, and one department's working set is a few MB. Measured on opening
 * a folder: 846 → 687 MB RSS; the rest is the WebAssembly module, its heap and the runtime
 * (docs/performance.md, "pnpm start memory").
 */
export const PGLITE_OPTIONS = {
  startParams: [
    ...PGlite.defaultStartParams,
    ...["-c", "shared_buffers=16MB", "-c", "wal_buffers=1MB", "-c", "temp_buffers=2MB"],
    ...["-c", "work_mem=4MB", "-c", "maintenance_work_mem=16MB"],
  ],
}
