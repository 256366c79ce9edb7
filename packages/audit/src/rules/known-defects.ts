/**
 * The catalogue of known defect classes, numbered as domain.md §5.2 numbers them. A finding is
 * classified by what kind of check fired and where — never by the figures of a particular document —
 * so the class is stable. Which documents carry which labels is data, not this rule: a registry the
 * caller supplies (`known-defect-scope.ts`).
 *
 * @module known-defects
 */
import type { Finding } from "../model/finding.ts"

type Classifier = (f: Pick<Finding, "check" | "place">) => boolean

const is =
  (...checks: ReadonlyArray<string>): Classifier =>
  (f) =>
    checks.includes(f.check)

/** Each §5.2 item with the checks that reveal it, in item order. @category models */
export const KNOWN_DEFECTS: ReadonlyArray<{
  readonly item: number
  readonly title: string
  readonly matches: Classifier
}> = [
  {
    item: 1,
    title: "财政拨款收支总表 empty or disagreeing with the 财政拨款 part of table 1; section 四 states it",
    matches: (f) =>
      f.check === "t4-empty" ||
      f.check === "t4-vs-t1" ||
      f.check === "n4-no-expenditure" ||
      (f.place.table === "4" && f.check.startsWith("cell")) ||
      (f.place.section === "四" && f.check.startsWith("narrative")),
  },
  {
    item: 2,
    title: "published performance targets claimed but not printed",
    matches: is(
      "targets-published-count",
      "targets-published-amount",
      "targets-published-share",
      "target-table-missing",
    ),
  },
  {
    item: 3,
    title: "填报日期 after the budget year started or after publication",
    matches: is("filled-after-year-start", "filled-after-publication"),
  },
  {
    item: 4,
    title: "机关运行经费 unit rows vs the narrative's unit count and the unit types",
    matches: (f) =>
      f.check === "t11-unit-count" ||
      f.check === "t11-unit-type" ||
      (f.place.table === "11" && f.check.startsWith("cell")),
  },
  {
    item: 5,
    title: "template residue and percentage precision in a year-over-year sentence",
    matches: is("template-residue", "percent-precision"),
  },
  { item: 6, title: "整体绩效目标 covering only the project total", matches: is("overall-target-coverage") },
  {
    item: 7,
    title: "performance-table funds disagree with the tables or themselves; stale years in 立项依据",
    matches: is(
      "one-off-period-funds",
      "cost-indicator-vs-annual",
      "amount-indicator-vs-annual",
      "stale-year-basis",
      "annual-funds-vs-ledger",
      "annual-funds-vs-table",
      "period-funds-below-annual",
    ),
  },
  {
    item: 8,
    title: "T6 government economic class collapsed per department class",
    matches: (f) => f.place.table === "6" && f.check === "cell-text",
  },
  { item: 9, title: "三公 item not backed by a basic economic line", matches: is("t10-unbacked") },
  { item: 10, title: "rounding 尾差 (never a finding within tolerance)", matches: () => false },
  { item: 11, title: "T6 medical insurance vs 21011 行政事业单位医疗", matches: is("t6-link-medical") },
  { item: 12, title: "narrative amounts not written with two decimals", matches: is("amount-format") },
  { item: 13, title: "glossary copied from another level of government", matches: is("glossary-level") },
  { item: 14, title: "narrative cosmetics (repeated explanation)", matches: is("narrative-repeated") },
  { item: 15, title: "template-standard numbering (not an error)", matches: () => false },
]

/** The §5.2 item a finding belongs to, if any. @category models */
export const knownDefectOf = (f: Pick<Finding, "check" | "place">): number | undefined =>
  KNOWN_DEFECTS.find((d) => d.matches(f))?.item
