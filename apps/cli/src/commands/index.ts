/**
 * The table of `ledger` commands and the help text.
 *
 * @module
 */
import { anchorCommand } from "./anchor.ts"
import { checkCommand } from "./check.ts"
import type { Command } from "./context.ts"
import { diffCommand } from "./diff.ts"
import { disclosureCommand } from "./disclosure.ts"
import { exportCommand } from "./export.ts"
import { generateCommand } from "./generate.ts"
import { importCommand } from "./import.ts"
import { keysCommand } from "./keys.ts"
import { publishCommand } from "./publish.ts"
import { reconcileCommand } from "./reconcile.ts"
import { taxonomyCommand } from "./taxonomy.ts"
import { traceCommand } from "./trace.ts"
import { verifyCommand } from "./verify.ts"

/** Every command by name. */
export const commands: Readonly<Record<string, Command>> = {
  import: importCommand,
  disclosure: disclosureCommand,
  verify: verifyCommand,
  anchor: anchorCommand,
  publish: publishCommand,
  export: exportCommand,
  reconcile: reconcileCommand,
  check: checkCommand,
  trace: traceCommand,
  diff: diffCommand,
  keys: keysCommand,
  taxonomy: taxonomyCommand,
  generate: generateCommand,
}

/** Printed for `ledger help` and after a usage error. */
export const HELP = `usage: pnpm ledger <command> [options]

  import FILE [--dry-run [--format txt|json]]
                              append the events of an NDJSON file (all or nothing; re-import appends nothing);
                              --dry-run writes nothing and prints the versions, changed cells and findings
  disclosure --department D --year Y [--as-of AS-OF] [--format json|html|txt|csv|xlsx|pdf|fdp|ndjson] [--out FILE]
  publish --department D --year Y [--date YYYY-MM-DD] [--force] [--known-defects FILE]
                              seal the current state; the checks' errors refuse it, except the known
                              defects the registry acknowledges
  verify [--anchor FILE]      recompute every hash chain (and check the heads of an anchor file);
                              exit 3 naming the first bad position
  anchor [--out FILE]         print a timestamped digest of every stream head (HMAC-signed with
                              LEDGER_ANCHOR_KEY) to keep outside the database
  export [--department D --year Y] [--out FILE]
  reconcile FILE --department D --year Y [--as-of AS-OF (default published)] [--format json|txt]
       [--known-defects FILE] compare a published document's text with the ledger
  check --department D --year Y [--as-of AS-OF] [--format json|txt] [--known-defects FILE]
                              the auditor's rules R1–R16 (exit 1 when a rule has an error)
  trace --department D --year Y --cell TABLE/ROW/COL [--as-of AS-OF] [--format json|txt]
                              the lines, amounts and events behind one printed cell
  diff --department D --year Y [--from AS-OF (default published)] [--to AS-OF (default current)]
       [--format json|txt]    what changed between two points, cell by cell, with the events

  generate [--departments N] [--years Y] [--seed S] [--out FILE] [--quiet]
                              write a deterministic synthetic province as NDJSON (default 5000 × 1)

  keys create --role writer|auditor|admin [--department CODE]... [--label TEXT]
  keys list | keys revoke KEY_ID
  taxonomy [--year Y] [--format json|txt]
                              list the classification codes budget-ledger holds (no store needed)

AS-OF: current | published | POSITION | ISO instant (2026-02-06T10:00:00Z, recorded by then)
       | YYYY-MM-DD (recorded by the END of that day, Asia/Shanghai) | occurred:DATE (business date)

--known-defects FILE (or LEDGER_KNOWN_DEFECTS): a known-defects/v1 registry of the documents whose
       acknowledged §5.2 defects are labelled knownDefect (e.g. fixtures/reference-documents/known-defects.json);
       none: no finding is labelled

store options (every command): --store DIR (embedded PGlite, default ./.ledger or LEDGER_STORE)
                               --database-url URL (PostgreSQL, or DATABASE_URL)
`
