/**
 * Cell-by-cell comparison of a published table with the ledger's table: rows aligned by their labels
 * (code, name; the n-th occurrence of a repeated label), amounts compared within ±0.01 万元, text
 * cells compared exactly. A table printed empty where the ledger has figures is one discrepancy.
 *
 * @module compare-tables
 */
import { Money } from "@ledger/domain"
import type { Row, Table } from "../model/document.ts"
import type { Finding, RuleId } from "../model/finding.ts"
import { finding } from "../rules/context.ts"
import { isBlankAmounts } from "../tables/blank.ts"
import { columnName } from "../tables/template.ts"
import { stripOrdinal } from "../tables/views.ts"
import { amount, isUnitSlip, within } from "../util/amount.ts"

/** The rule that governs each table's figures. @category models */
const TABLE_RULE: Readonly<Record<string, RuleId>> = {
  "1": "R1",
  "2": "R2",
  "3": "R3",
  "4": "R6",
  "5": "R7",
  "6": "R8",
  "7": "R9",
  "8": "R9",
  "9": "R9",
  "10": "R10",
  "11": "R11",
  "12": "R12",
  "13": "R13",
}

/** Tables whose rows are keyed by a code, with the name beside it. @category models */
const CODED = new Set(["2", "3", "5", "7", "8"])

const KEY_COLS: Readonly<Record<string, number[]>> = { "1": [0, 2], "4": [0, 2], "9": [0, 3] }

const keyed = (t: Table): Map<string, Row> => {
  const cols = KEY_COLS[t.id] ?? [0]
  const seen = new Map<string, number>()
  const out = new Map<string, Row>()
  for (const r of t.rows) {
    const base = cols.map((c) => stripOrdinal(r.cells[c] ?? "")).join("|")
    if (base.replace(/\|/g, "") === "") continue
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.set(n === 0 ? base : `${base}#${n + 1}`, r)
  }
  return out
}

const isFigure = (s: string) => /^-?[\d,]+\.\d{1,2}$/.test(s.trim())

/** Compares a published table with the ledger's. @category reconcile */
export const compareTable = (published: Table, ledger: Table): Finding[] => {
  const rule = TABLE_RULE[ledger.id] ?? "R16"
  const id = ledger.id
  if (isBlankAmounts(published) && !isBlankAmounts(ledger)) {
    return [
      finding(
        rule,
        "cell-table-empty",
        { table: id },
        `table ${id} is printed empty; the ledger has figures for it`,
        { published: "", ledger: "figures" },
      ),
    ]
  }
  const out: Finding[] = []
  const pub = keyed(published)
  const led = keyed(ledger)
  const keyCols = KEY_COLS[id] ?? [0]
  for (const [key, lr] of led) {
    const pr = pub.get(key)
    const label = CODED.has(id)
      ? `${key} ${(lr.cells[1] ?? "").trim()}`.trim()
      : key.replace(/\|/g, " / ").trim()
    if (pr === undefined) {
      if (lr.cells.some(isFigure))
        out.push(
          finding(
            rule,
            "cell-row-missing",
            { table: id, row: label },
            `row "${label}" of the ledger's table ${id} is not printed`,
            { published: "", ledger: lr.cells.filter(isFigure).join(" ") },
          ),
        )
      continue
    }
    const width = Math.max(lr.cells.length, pr.cells.length)
    for (let c = 0; c < width; c++) {
      if (keyCols.includes(c)) continue
      const p = (pr.cells[c] ?? "").trim()
      const l = (lr.cells[c] ?? "").trim()
      const place = { table: id, row: label, column: columnName(id, c) }
      if (isFigure(l) || isFigure(p) || (l === "" && p === "")) {
        const pm = amount(p) ?? Money.zero
        const lm = amount(l) ?? Money.zero
        if (!within(pm, lm)) {
          const slip = isUnitSlip(pm, lm)
          out.push(
            finding(
              rule,
              slip ? "unit-slip" : "cell",
              place,
              slip
                ? `${p} is ${l} 万元 in the wrong unit (元/万元)`
                : `published ${p || "(blank)"}, ledger ${l || "(blank)"}`,
              { published: p, ledger: l },
            ),
          )
        }
      } else if (p !== l && !/^\d+$/.test(l)) {
        out.push(
          finding(rule, "cell-text", place, `published "${p}", ledger "${l}"`, { published: p, ledger: l }),
        )
      }
    }
  }
  for (const [key, pr] of pub) {
    if (!led.has(key) && pr.cells.some(isFigure)) {
      const label = key.replace(/\|/g, " / ")
      out.push(
        finding(
          rule,
          "cell-row-extra",
          { table: id, row: label },
          `row "${label}" is printed but the ledger has no such row`,
          { published: pr.cells.filter(isFigure).join(" "), ledger: "" },
        ),
      )
    }
  }
  return out
}
