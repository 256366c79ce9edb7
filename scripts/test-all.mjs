#!/usr/bin/env node
/**
 * The engine of `pnpm test:all`, the README's one test command: type-check, lint (with the
 * dependency-direction check), format check, make sure PostgreSQL and the browser are there, then
 * run every vitest test once (unit, integration, e2e). Ends with exactly one line
 * `N passed, N failed`: every vitest test counts once, and each gate step (typecheck, lint,
 * format) counts as one check. Exits non-zero when anything failed or when no test ran.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..")
const RESULTS = join(ROOT, "artifacts", "test-results", "vitest.json")
const PG_URL = process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

/** Runs a command with the output on screen; returns true when it exits 0. */
const step = (
  /** @type {string} */ title,
  /** @type {string} */ cmd,
  /** @type {string[]} */ args,
  env = {},
) => {
  console.log(`\n=== ${title}: ${cmd} ${args.join(" ")}`)
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } })
  if (result.error !== undefined) console.error(`${title}: ${result.error.message}`)
  return result.status === 0
}

/** True when every listed Debian package is installed. */
const debInstalled = (/** @type {string[]} */ names) =>
  spawnSync("dpkg-query", ["-W", "-f=${Status}\\n", ...names], { encoding: "utf8" })
    .stdout.split("\n")
    .filter((l) => l.includes("install ok installed")).length === names.length

/** Installs the headless browser, CJK fonts and pdftotext the HTML/PDF tests use, when we may and must. */
const ensureBrowser = () => {
  const wanted = ["chromium", "fonts-noto-cjk", "poppler-utils"]
  if (!existsSync("/etc/debian_version")) return console.log("browser: not Debian, skipped")
  if (debInstalled(wanted)) return console.log(`browser: ${wanted.join(", ")} present`)
  if (process.getuid?.() !== 0)
    return console.log("browser: missing, not root: skipped (tests that need it skip)")
  step("browser", "sh", ["-c", `apt-get update -qq && apt-get install -y -qq ${wanted.join(" ")}`])
}

/**
 * Counts from vitest's JSON report: a test file that failed to load has no failed test in it,
 * so it counts as one failure of its own.
 * @returns {{ passed: number, failed: number, skipped: number }}
 */
const readCounts = () => {
  if (!existsSync(RESULTS)) return { passed: 0, failed: 1, skipped: 0 }
  /** @type {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numTodoTests: number, testResults: Array<{ status: string, assertionResults: Array<{ status: string }> }> }} */
  const report = JSON.parse(readFileSync(RESULTS, "utf8"))
  const brokenFiles = report.testResults.filter(
    (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"),
  ).length
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  }
}

const gates = [
  ["typecheck", step("typecheck", "pnpm", ["typecheck"])],
  ["lint", step("lint", "pnpm", ["lint"])],
  ["format", step("format", "pnpm", ["format:check"])],
]

const ensurePg = join(ROOT, "infra", "postgres", "ensure.sh")
if (existsSync(ensurePg)) {
  gates.push(["postgres", step("postgres", "bash", [ensurePg])])
} else {
  console.log("\npostgres: infra/postgres/ensure.sh not there yet, using whatever answers at LEDGER_PG_URL")
}
ensureBrowser()

rmSync(RESULTS, { force: true })
mkdirSync(dirname(RESULTS), { recursive: true })
step(
  "tests",
  join(ROOT, "node_modules", ".bin", "vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${RESULTS}`],
  { LEDGER_INT_TESTS: "1", LEDGER_PG_URL: PG_URL },
)

const counts = readCounts()
const gatePassed = gates.filter(([, ok]) => ok).length
const gateFailed = gates.length - gatePassed
const passed = counts.passed + gatePassed
const failed = counts.failed + gateFailed

console.log("")
for (const [name, ok] of gates) console.log(`${ok ? "ok  " : "FAIL"} ${name}`)
console.log(
  `vitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${RESULTS})`,
)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || counts.passed === 0 ? 1 : 0)
