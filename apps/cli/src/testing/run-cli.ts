/**
 * Runs the real `ledger` command in a child process (through tsx, as `pnpm ledger` does), so the
 * end-to-end tests exercise argument parsing, exit codes and output exactly as a user sees them.
 *
 * @module
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import path from "node:path"

/** The monorepo root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..")
const main = path.join(repoRoot, "apps/cli/src/main.ts")
const tsx = path.join(repoRoot, "node_modules/.bin/tsx")

/** What the command printed and how it exited. */
export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly bytes: Buffer
}

/** Runs `ledger ...args` in `cwd` with extra environment; resolves when it exits. */
export const runCli = (
  args: ReadonlyArray<string>,
  options: { readonly cwd?: string; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env }
    delete env["DATABASE_URL"]
    if (options.env?.["DATABASE_URL"]) env["DATABASE_URL"] = options.env["DATABASE_URL"]
    const child = spawn(tsx, [main, ...args], { cwd: options.cwd ?? repoRoot, env })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on("data", (c: Buffer) => out.push(c))
    child.stderr.on("data", (c: Buffer) => err.push(c))
    child.on("error", reject)
    child.on("close", (code) => {
      const bytes = Buffer.concat(out)
      resolve({
        code: code ?? -1,
        stdout: bytes.toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        bytes,
      })
    })
  })
