/**
 * Two writers on one embedded store must not lose data: while `pnpm start` (the API server, a
 * separate process) holds a PGlite folder, every CLI command that opens it is refused with a
 * message saying to use the API, and writes made through the API are all there afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { fixturePath } from "@ledger/projections/testing"
import { afterAll, describe, expect, it } from "vitest"
import { repoRoot, runCli } from "./testing/run-cli.ts"

const dir = mkdtempSync(path.join(tmpdir(), "ledger-lock-e2e-"))
const store = path.join(dir, "store")
let server: ChildProcess | undefined

afterAll(() => {
  server?.kill("SIGKILL")
  rmSync(dir, { recursive: true, force: true })
})

/** Starts `apps/api/src/main.ts` on the store; resolves with its URL and admin key once it listens. */
const startServer = (): Promise<{ url: string; admin: string }> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", LEDGER_STORE: store }
    delete env["DATABASE_URL"]
    server = spawn(
      path.join(repoRoot, "node_modules/.bin/tsx"),
      [path.join(repoRoot, "apps/api/src/main.ts")],
      {
        cwd: repoRoot,
        env,
      },
    )
    let out = ""
    server.stdout?.on("data", (c: Buffer) => {
      out += c.toString()
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      const admin = /^ {2}admin +(\S+)$/m.exec(out)?.[1]
      if (url !== undefined && admin !== undefined) resolve({ url, admin })
    })
    server.stderr?.on("data", (c: Buffer) => (out += c.toString()))
    server.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)))
  })

const stopServer = (): Promise<void> =>
  new Promise((resolve) => {
    server?.removeAllListeners("exit")
    server?.once("exit", () => resolve())
    server?.kill("SIGTERM")
  })

describe("an embedded store held by the running server", () => {
  it("refuses keys create, import, publish and verify from the CLI; the API's writes survive", async () => {
    const { url, admin } = await startServer()
    const opens = [
      ["keys", "create", "--role", "admin", "--store", store],
      ["import", fixturePath, "--store", store],
      ["publish", "--department", "002", "--year", "2026", "--store", store],
      ["verify", "--store", store],
    ]
    for (const args of opens) {
      const r = await runCli(args)
      expect(r.code, args.join(" ")).toBe(1)
      expect(r.stdout, args.join(" ")).toBe("")
      expect(r.stderr).toMatch(/is in use by another process \(pid \d+/)
      expect(r.stderr).toContain("use its API (POST /v1/keys")
    }
    const created = await fetch(`${url}/v1/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "auditor", label: "made-through-the-api" }),
    })
    expect(created.status).toBe(201)
    const { keyId } = (await created.json()) as { keyId: string }
    await stopServer()

    const listed = await runCli(["keys", "list", "--store", store])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toContain(keyId)
    expect(listed.stdout).toContain("made-through-the-api")
  }, 400_000)
})
