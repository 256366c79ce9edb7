/**
 * Reconciliation: a published disclosure (text extracted from its PDF) against the ledger. Reports
 * every discrepancy — the published document's own inconsistencies under R1–R16 (with the ledger
 * state where a rule needs it), every published table cell that differs from the ledger's derived
 * table beyond 尾差, and what text checkers look for — each with its rule, a readable place, the
 * published and ledger values, and the §5.2 defect class when it is a known one.
 *
 * @module reconcile
 */
import type { BudgetState } from "@ledger/domain"
import { Result } from "effect"
import type { DisclosureInput } from "../model/document.ts"
import type { Discrepancy, Finding, Place, ReconcileResult } from "../model/finding.ts"
import { fromDisclosure } from "../model/from-disclosure.ts"
import { parsePublishedText, type UnreadableDocument } from "../parse/index.ts"
import { checkAudit } from "../rules/index.ts"
import { type KnownDefectRegistry, NO_KNOWN_DEFECTS, scopeKnownDefects } from "../rules/known-defect-scope.ts"
import { compareTable } from "./compare-tables.ts"
import { reconcileShanghai } from "./shanghai.ts"

/** What reconcile compares: the published text, and the ledger's derived disclosure and state. @category models */
export interface ReconcileInput {
  readonly publishedText: string
  readonly disclosure?: DisclosureInput | undefined
  readonly state?: BudgetState.BudgetState | undefined
  /** Which documents carry which §5.2 labels (default: none). */
  readonly knownDefects?: KnownDefectRegistry | undefined
}

/** A place as one readable string: "表4/本年收入合计/金额", "情况说明/八", "绩效目标表/单位运转经费/填报日期". @category formatting */
export const placeText = (p: Place): string => {
  const parts = (head: string, ...rest: Array<string | undefined>) =>
    [head, ...rest.filter((x): x is string => x !== undefined && x !== "")].join("/")
  if (p.project !== undefined) return parts("绩效目标表", p.project, p.row)
  if (p.table !== undefined && p.section === undefined) return parts(`表${p.table}`, p.row, p.column)
  if (p.section === "名词解释" || p.section === "机构设置") return parts(p.section, p.row)
  if (p.section !== undefined)
    return parts("情况说明", p.section, p.row, p.table === undefined ? undefined : `表${p.table}`)
  return "文档"
}

/** A finding as a discrepancy. @category formatting */
const toDiscrepancy = (f: Finding): Discrepancy => {
  const d = {
    rule: f.rule,
    check: f.check,
    place: placeText(f.place),
    where: f.place,
    published: f.published ?? f.actual ?? "",
    ledger: f.ledger ?? f.expected ?? "",
    message: f.message,
    severity: f.severity,
  }
  return f.knownDefect === undefined ? d : { ...d, knownDefect: f.knownDefect }
}

/** Reconciles a published text with the ledger. Fails only when the text cannot be read. @category reconcile */
export const reconcile = (input: ReconcileInput): Result.Result<ReconcileResult, UnreadableDocument> =>
  Result.map(parsePublishedText(input.publishedText), (published) => {
    const knownDefects = input.knownDefects ?? NO_KNOWN_DEFECTS
    // A Shanghai text keeps rows as printed lines: it is compared line by line (reconcile/shanghai.ts).
    const shanghai = published.template === "shanghai-district-9"
    const findings: Finding[] = shanghai
      ? reconcileShanghai(
          published,
          input.disclosure && fromDisclosure(input.disclosure, input.state),
          input.state,
        )
      : [...checkAudit(published, input.state, knownDefects).findings]
    if (input.disclosure !== undefined && !shanghai) {
      const ledger = fromDisclosure(input.disclosure, input.state)
      for (const [id, lt] of ledger.tables) {
        const pt = published.tables.get(id)
        if (pt === undefined)
          findings.push({
            rule: "R16",
            check: "table-missing",
            place: { table: id },
            published: "",
            ledger: lt.title,
            message: `table ${id} (${lt.title}) is not in the published document`,
            severity: "error",
          })
        else findings.push(...compareTable(pt, lt))
      }
    }
    const seen = new Set<string>()
    const discrepancies: Discrepancy[] = []
    for (const d of scopeKnownDefects(knownDefects, published, findings).map(toDiscrepancy)) {
      const key = `${d.check}|${d.place}|${d.published}|${d.ledger}`
      if (!seen.has(key)) {
        seen.add(key)
        discrepancies.push(d)
      }
    }
    return { discrepancies }
  })
