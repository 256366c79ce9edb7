/**
 * Reconciliation of a published Shanghai district document with the ledger. Each published table
 * row — one printed line, since a PDF's text does not keep a blank cell's column — is compared
 * with the ledger's row printed the same way (cells joined, whitespace removed), in order; every
 * row that differs, is missing or is extra is a finding. The published narrative's figures are
 * checked against the ledger's tables with the Shanghai R14 claims.
 *
 * @module reconcile/shanghai
 */
import type { BudgetState } from "@ledger/domain"
import type { AuditDocument, Table } from "../model/document.ts"
import type { Finding, RuleId } from "../model/finding.ts"
import { makeContext } from "../rules/context.ts"
import { finding } from "../rules/context.ts"
import { shR14 } from "../shanghai/narrative.ts"

const squash = (s: string): string => s.replace(/\s+/g, "")

/** The rule whose figures each table states (as the Shanghai rule set files them). */
const TABLE_RULE: Readonly<Record<string, RuleId>> = {
  "1": "R1",
  "2": "R2",
  "3": "R3",
  "4": "R6",
  "5": "R7",
  "6": "R7",
  "7": "R7",
  "8": "R8",
  "9": "R10",
}

/** A row's label for places: its code and name, or its first label. */
const labelOf = (line: string): string => /^[\d]{3}(?:\d{2}){0,2}[^\d,.]+|^[^\d,.]+/.exec(line)?.[0] ?? line

const compareRows = (published: Table, ledger: Table): Finding[] => {
  const ours = ledger.rows.map((r) => squash(r.cells.join(""))).filter((l) => l !== "")
  const theirs = published.rows.map((r) => r.cells.join(""))
  const rule = TABLE_RULE[ledger.id] ?? "R16"
  const out: Finding[] = []
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    const p = theirs[i] ?? ""
    const l = ours[i] ?? ""
    if (p === l) continue
    const row = labelOf(l === "" ? p : l)
    out.push(
      finding(rule, "row", { table: ledger.id, row }, `published "${p}", ledger "${l}"`, {
        published: p,
        ledger: l,
      }),
    )
  }
  const notes = (t: Table) => t.notes.map(squash).join("")
  if (notes(published) !== notes(ledger))
    out.push(
      finding("R9", "note", { table: ledger.id }, "the table's note differs", {
        published: notes(published),
        ledger: notes(ledger),
      }),
    )
  return out
}

/** The findings of a published Shanghai text against the ledger's document. @category reconcile */
export const reconcileShanghai = (
  published: AuditDocument,
  ledger: AuditDocument | undefined,
  state: BudgetState.BudgetState | undefined,
): Finding[] => {
  if (ledger === undefined) return []
  const out: Finding[] = []
  for (const [id, lt] of ledger.tables) {
    const pt = published.tables.get(id)
    if (pt === undefined)
      out.push(
        finding(
          "R16",
          "table-missing",
          { table: id },
          `table ${id} (${lt.title}) is not in the published document`,
          {
            ledger: lt.title,
          },
        ),
      )
    else out.push(...compareRows(pt, lt))
  }
  out.push(...shR14(makeContext({ ...ledger, narrative: published.narrative }, state)))
  return out
}
