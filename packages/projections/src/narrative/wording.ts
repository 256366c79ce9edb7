/**
 * The number wording of the narrative: 万元 figures, shares and year-over-year changes written the
 * way the Shanxi template writes them (domain.md §1.4). Every percentage is computed from the
 * printed 万元 figures, so a reader can recompute it from the text itself.
 *
 * @module wording
 */
import { Money } from "@ledger/domain"

/** A 万元 figure as printed in the narrative: always two decimals ("0.00", "3.00"). @category formatting */
export type Wan = string

/** 元 → the 万元 figure printed in a sentence. @category formatting */
export const wan = (amount: Money.Money): Wan => Money.toWan(amount)

/** A share `part / whole` in percent with two decimals; "0.00" when the whole is zero. @category formatting */
export const share = (part: Wan, whole: Wan): string => Money.percentOfWan(part, whole)

/** Difference of two printed 万元 figures, exact (they are two-decimal strings). @category formatting */
export const wanDiff = (a: Wan, b: Wan): Wan => Money.sub(Money.make(a), Money.make(b))

/** Sum of printed 万元 figures, exact. @category formatting */
export const wanSum = (xs: ReadonlyArray<Wan>): Wan => Money.sum(xs.map((x) => Money.make(x)))

/**
 * How a figure changed against last year's budget: "比{against}增加Δ万元，增长p%",
 * "比{against}减少Δ万元，下降p%", or "与{same}相同". With no prior figure (0) an increase has no
 * percentage, since growth from nothing is not a number.
 * @category formatting
 */
export const change = (
  current: Wan,
  prior: Wan,
  words: { readonly against: string; readonly same: string } = { against: "上年", same: "上年预算数" },
): string => {
  const delta = wanDiff(current, prior)
  const cmp = Money.compare(Money.make(delta), Money.zero)
  if (cmp === 0) return `与${words.same}相同`
  const abs = Money.abs(Money.make(delta))
  const pct = Money.isZero(Money.make(prior)) ? "" : `，${cmp > 0 ? "增长" : "下降"}${share(abs, prior)}%`
  return `比${words.against}${cmp > 0 ? "增加" : "减少"}${abs}万元${pct}`
}

/**
 * Words that open a note which already states its own cause ("主要是…", "原因是…", "由于…"): such a
 * note is written as it stands, since a lead before it would say the cause twice.
 */
const CAUSE_OPENINGS = ["主要", "原因", "由于", "因为", "系"]

/**
 * A human-written reason appended to a change: "，{lead}{note}" without the note's end punctuation.
 * A note that opens with its own cause word (`CAUSE_OPENINGS`) replaces the lead ("主要是人员增加"
 * prints "，主要是人员增加", never "，主要原因是主要是人员增加"); a note opening with "是" shares the
 * lead's final "是". docs/event-catalogue.md states these rules for the writers of notes.
 * @category formatting
 */
export const reason = (lead: string, note: string | undefined): string => {
  if (note === undefined) return ""
  const trimmed = note.trim().replace(/[。；;，,.\s]+$/u, "")
  if (trimmed === "") return ""
  if (CAUSE_OPENINGS.some((w) => trimmed.startsWith(w))) return `，${trimmed}`
  if (trimmed.startsWith("是") && lead.endsWith("是")) return `，${lead.slice(0, -1)}${trimmed}`
  return `，${lead}${trimmed}`
}

/** "2025-12-31" → "2025年12月31日", the way the template dates a cut-off. @category formatting */
export const chineseDate = (isoDate: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate)
  if (m === null) return isoDate
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}
