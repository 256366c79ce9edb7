/**
 * `pnpm start`: the README's main job. Serves the API on the embedded store (or PostgreSQL with
 * `DATABASE_URL`), loads the reference fixture into an empty store, and prints the URL and, when asked for,
 * demo keys (`ensureDemoKeys`). The admin web app (`@ledger/admin`) is mounted at `/`. A new
 * embedded store is created by a child process first (`fresh-store.ts`). `pnpm start` runs this
 * module bundled (`scripts/build-api.mjs`); `node --import tsx apps/api/src/main.ts` runs the same.
 */
import { resolve } from "node:path"
import { makeAdminApp } from "@ledger/admin"
import { loadConfig } from "./config.ts"
import { createStoreOutOfProcess } from "./fresh-store.ts"
import { startApi } from "./server.ts"

const started = Date.now()
const config = await loadConfig()
if (config.databaseUrl === undefined) await createStoreOutOfProcess(resolve(config.storeDir))
const api = await startApi(config, { admin: makeAdminApp() })
const lines = [
  `budget-ledger API listening on ${api.url} (${config.databaseUrl !== undefined ? "PostgreSQL" : `embedded store ${config.storeDir}`}; ready in ${Date.now() - started} ms)`,
  api.imported > 0
    ? `loaded ${api.imported} events of the reference fixture`
    : "store already has data; fixture not loaded",
  `admin web app (管理界面): ${api.url}/`,
  `API reference: ${api.url}/v1/docs   OpenAPI: ${api.url}/v1/openapi.json`,
  `published, no key: ${api.url}/v1/public/departments/002/years/2026/disclosure?format=pdf (json, html, txt, csv, xlsx, fdp, ndjson)`,
  ...(Object.keys(api.demoKeys).length > 0
    ? [
        `demo keys (Authorization: Bearer …) — for trying the ledger; production keys: pnpm ledger keys create`,
        ...(["writer", "auditor", "admin"] as const).flatMap((role) => {
          const secret = api.demoKeys[role]
          return secret === undefined ? [] : [`  ${role.padEnd(7)} ${secret}`]
        }),
      ]
    : []),
  ...api.demoNotes,
  ...(api.demoKeys.auditor !== undefined
    ? [
        `try: curl -H "Authorization: Bearer ${api.demoKeys.auditor}" ${api.url}/v1/departments/002/years/2026/disclosure?format=txt`,
      ]
    : []),
]
console.log(lines.join("\n"))

const stop = (): void => {
  void api.close().then(() => process.exit(0))
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
