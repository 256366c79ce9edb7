/**
 * `pnpm start` as a person runs it: the root package.json "start" script (build the bundle with
 * `scripts/build-api.mjs`, run it with plain Node) in a shell, on a fresh embedded store. The bundle
 * must find what the sources find beside themselves — the fixture, the taxonomy and glossary data,
 * the admin app's browser files — start its replay worker, the child that creates the store and
 * (where Chromium is installed) the printer it loads late, and serve the README's URLs.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"

const ROOT = fileURLToPath(new URL("../../../", import.meta.url))
const START = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } })
  .scripts.start
const dir = mkdtempSync(join(tmpdir(), "ledger-api-start-command-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("the start script", () => {
  it("builds and serves the README's URLs from the bundle on a new embedded store", async () => {
    // As pnpm runs a script: in a shell, with the workspace's binaries on the PATH, its own process group.
    const child = spawn("sh", ["-c", START], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PATH: `${join(ROOT, "node_modules", ".bin")}${delimiter}${process.env["PATH"] ?? ""}`,
        PORT: "0",
        HOST: "127.0.0.1",
        LEDGER_STORE: dir,
        DATABASE_URL: "",
      },
    })
    let out = ""
    child.stdout.on("data", (b: Buffer) => (out += b.toString("utf8")))
    child.stderr.on("data", (b: Buffer) => (out += b.toString("utf8")))
    try {
      const url = await new Promise<string>((ready, fail) => {
        child.once("exit", (code) => fail(new Error(`the start script exited (${code}):\n${out}`)))
        const poll = setInterval(() => {
          const found = /listening on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1]
          if (found !== undefined && /^\s+auditor\s+\S+$/m.test(out)) {
            clearInterval(poll)
            ready(found)
          }
        }, 100)
      })
      expect(out).toMatch(/loaded \d+ events of the reference fixture/)
      // Created by the child process, migrated: the server opened an existing folder.
      expect(existsSync(join(dir, "PG_VERSION"))).toBe(true)
      const auditor = /^\s+auditor\s+(\S+)$/m.exec(out)?.[1] ?? ""
      const shell = await fetch(`${url}/`)
      expect(shell.status).toBe(200)
      const html = await shell.text()
      const script = /src="(\/[^"]*app\.js[^"]*)"/.exec(html)?.[1]
      expect(script).toBeDefined()
      expect((await fetch(`${url}${script ?? ""}`)).status).toBe(200)
      const published = await fetch(`${url}/v1/public/departments/002/years/2026/disclosure`)
      expect(published.status).toBe(200)
      expect(((await published.json()) as { fiscalYear: number }).fiscalYear).toBe(2026)
      // The current document is replayed by the bundled replay worker.
      const current = await fetch(`${url}/v1/departments/002/years/2026/disclosure?format=txt`, {
        headers: { authorization: `Bearer ${auditor}` },
      })
      expect(current.status).toBe(200)
      expect(await current.text()).toContain("2026")
      expect((await fetch(`${url}/v1/openapi.json`)).status).toBe(200)
      // The printer is loaded with the first PDF (a chunk of its own, playwright-core beside it).
      if (existsSync("/usr/bin/chromium")) {
        const pdf = await fetch(`${url}/v1/public/departments/002/years/2026/disclosure?format=pdf`)
        expect(pdf.status).toBe(200)
        expect(
          Buffer.from(await pdf.arrayBuffer())
            .subarray(0, 5)
            .toString("latin1"),
        ).toBe("%PDF-")
      }
    } finally {
      if (child.pid !== undefined && child.exitCode === null) {
        const exited = new Promise<void>((done) => child.once("exit", () => done()))
        process.kill(-child.pid, "SIGTERM")
        await exited
      }
    }
  }, 180_000)
})
