/**
 * Reading figures out of narrative sentences written in the template's wording: "LABEL X万元，占p%",
 * year-over-year clauses "比上年减少Δ万元，下降p%", counts "3家" / "三个". Pure string work; the
 * comparisons live in the rules.
 *
 * @module extract
 */
import { Money } from "@ledger/domain"
import { Result } from "effect"
import { parseCount } from "../util/numerals.ts"

const NUM = String.raw`(\d+(?:\.\d+)?)`
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** A stated figure: the amount as written, and the share that follows it ("占p%"), if any. @category models */
export interface Stated {
  readonly text: string
  readonly index: number
  readonly share: string | undefined
}

/** Every "LABELX万元[，占p%]" in the text (the figure directly after the label). @category parsing */
export const statedAfter = (text: string, label: string): Stated[] => {
  const re = new RegExp(escape(label) + NUM + String.raw`万元(?:[，,]\s*占${NUM}%)?`, "g")
  return [...text.matchAll(re)].map((m) => ({ text: m[1] ?? "", index: m.index ?? 0, share: m[2] }))
}

/** A stated count "LABEL N UNIT" (N in digits or Chinese), e.g. ("下属", "家单位"). @category parsing */
export const countAfter = (
  text: string,
  label: string,
  unit: string,
): { text: string; value: number | undefined } | undefined => {
  const m = new RegExp(escape(label) + String.raw`(\d+|[一二两三四五六七八九十]{1,3})` + escape(unit)).exec(
    text,
  )
  if (m === null) return undefined
  return { text: m[1] ?? "", value: parseCount(m[1] ?? "") }
}

/** A year-over-year clause: the clause's first amount (the base), the stated prior, change and percent. @category models */
export interface YoyClause {
  readonly clause: string
  readonly base: string | undefined
  readonly prior: string | undefined
  readonly direction: "增加" | "减少"
  readonly delta: string
  readonly percentWord: string
  readonly residue: string
  readonly percent: string
}

/** Every year-over-year clause of a text (clauses end at "；" or "。"). @category parsing */
export const yoyClauses = (text: string): YoyClause[] => {
  const out: YoyClause[] = []
  for (const clause of text.split(/[；;。]/)) {
    const re = new RegExp(
      String.raw`比(?:上年(?:度)?(?:预算(?:数)?)?|\d{4}年(?:预算(?:数)?)?)${NUM}?(?:万元)?[，,]?\s*(增加|减少)${NUM}万元[，,]?\s*(增长|下降)([^\d%，。；]*)${NUM}%`,
      "g",
    )
    for (const m of clause.matchAll(re)) {
      out.push({
        clause,
        base: new RegExp(NUM + "万元").exec(clause)?.[1],
        prior: m[1],
        direction: m[2] as "增加" | "减少",
        delta: m[3] ?? "",
        percentWord: m[4] ?? "",
        residue: m[5] ?? "",
        percent: m[6] ?? "",
      })
    }
  }
  return out
}

/** A written figure as Money, or undefined when it is not a figure. @category parsing */
export const money = (s: string | undefined): Money.Money | undefined => {
  if (s === undefined) return undefined
  const r = Money.parse(s.replace(/,/g, ""))
  return Result.isSuccess(r) ? r.success : undefined
}

/** Decimals written in a figure ("11.3" → 1, "0" → 0). @category parsing */
export const decimals = (s: string): number => (s.includes(".") ? (s.split(".")[1]?.length ?? 0) : 0)

/** A two-decimal percentage rounded half-up to fewer decimals ("11.29", 1 → "11.3"). @category formatting */
export const roundPercent = (p: Money.Money, places: number): string => {
  if (places >= 2) return p
  const bumped = Money.add(p, Money.make(places === 1 ? "0.05" : "0.50"))
  const [int = "0", frac = ""] = bumped.split(".")
  return places === 0 ? int : `${int}.${frac.slice(0, 1)}`
}
