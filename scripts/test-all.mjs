#!/usr/bin/env node
/**
 * The engine of `pnpm test:all`, the README's one test command: type-check, lint (with the
 * dependency-direction check), format check, make sure PostgreSQL and the system tools
 * (`SYSTEM_TOOLS`: browser, LibreOffice) are there, then run every vitest test once (unit,
 * integration, e2e). Ends with exactly one line
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

/**
 * The system tools some tests use, as Debian packages. `pnpm test:all` installs whatever is missing
 * (with apt, when it runs as root on Debian), so those tests run instead of skipping. To add a
 * tool, add an entry here.
 * @type {ReadonlyArray<{ purpose: string, packages: string[] }>}
 */
const SYSTEM_TOOLS = [
  { purpose: "headless browser and CJK fonts (HTML/PDF tests)", packages: ["chromium", "fonts-noto-cjk"] },
  { purpose: "LibreOffice, the independent XLSX reader (round trip)", packages: ["libreoffice-calc-nogui"] },
  { purpose: "pdftotext, which reads the PDF disclosure back", packages: ["poppler-utils"] },
]

/** The listed Debian packages that are not installed. */
const debMissing = (/** @type {string[]} */ names) => {
  const out = spawnSync("dpkg-query", ["-W", "-f=${Package} ${Status}\\n", ...names], { encoding: "utf8" })
  const installed = new Set(
    out.stdout
      .split("\n")
      .filter((l) => l.endsWith("install ok installed"))
      .map((l) => l.split(" ")[0]),
  )
  return names.filter((n) => !installed.has(n))
}

/** Installs every missing package of SYSTEM_TOOLS in one apt run, when we may and must. */
const ensureSystemTools = () => {
  if (!existsSync("/etc/debian_version")) return console.log("system tools: not Debian, skipped")
  const missing = SYSTEM_TOOLS.flatMap((t) => debMissing(t.packages))
  for (const t of SYSTEM_TOOLS) {
    const gone = t.packages.filter((p) => missing.includes(p))
    console.log(`system tools: ${t.purpose}: ${gone.length === 0 ? "present" : `missing ${gone.join(" ")}`}`)
  }
  if (missing.length === 0) return
  if (process.getuid?.() !== 0)
    return console.log("system tools: not root, not installed (tests that need them skip)")
  step("system tools", "sh", [
    "-c",
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`,
  ])
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
ensureSystemTools()

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
