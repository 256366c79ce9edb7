/**
 * Starts the real thing for the browser tests: the root package.json "start" script — what
 * `pnpm start` runs: build the API's bundle, run it with Node — in a shell, as its own process
 * group, on a free loopback port with a fresh embedded store, and reads the URL and the demo keys
 * from what it prints, exactly as a person would.
 */
import { spawn } from "node:child_process"
import type { ChildProcess } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, join } from "node:path"
import { fileURLToPath } from "node:url"

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url))

/** A started server. */
export interface StartedServer {
  readonly url: string
  readonly keys: { readonly writer: string; readonly auditor: string; readonly admin: string }
  readonly output: () => string
  readonly stop: () => Promise<void>
}

/** The root package.json "start" script. */
const START = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: { start: string } }
).scripts.start

/** Runs `pnpm start`'s script with `PORT=0` and a temporary store; resolves once it printed its keys. */
export const startServer = async (timeoutMs = 60_000): Promise<StartedServer> => {
  const store = mkdtempSync(join(tmpdir(), "ledger-admin-e2e-"))
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "DATABASE_URL") env[k] = v
  // As pnpm runs a script: in a shell, with the workspace's binaries on the PATH.
  const child: ChildProcess = spawn("sh", ["-c", START], {
    cwd: REPO_ROOT,
    env: {
      ...env,
      PATH: `${join(REPO_ROOT, "node_modules", ".bin")}${delimiter}${env["PATH"] ?? ""}`,
      PORT: "0",
      HOST: "127.0.0.1",
      LEDGER_STORE: store,
      // The reference department served with its registry of acknowledged §5.2 defects, so
      // publishing it is not refused for them (without it every finding blocks).
      LEDGER_KNOWN_DEFECTS: join(REPO_ROOT, "fixtures/reference-documents/known-defects.json"),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  /** Signals the shell and the server it started (the script's process group). */
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name)
    } catch {
      // already gone
    }
  }
  let out = ""
  child.stdout?.on("data", (b: Buffer) => (out += b.toString("utf8")))
  child.stderr?.on("data", (b: Buffer) => (out += b.toString("utf8")))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once("exit", () => done()))
      signal("SIGTERM")
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))])
      if (child.exitCode === null && child.signalCode === null) signal("SIGKILL")
    }
    rmSync(store, { recursive: true, force: true })
  }
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1]
    const key = (role: string) => new RegExp(`^\\s+${role}\\s+(\\S+)$`, "m").exec(out)?.[1]
    const [writer, auditor, admin] = [key("writer"), key("auditor"), key("admin")]
    if (url && writer && auditor && admin)
      return { url, keys: { writer, auditor, admin }, output: () => out, stop }
    if (child.exitCode !== null) break
    await new Promise((done) => setTimeout(done, 100))
  }
  await stop()
  throw new Error(`the server did not start:\n${out}`)
}
