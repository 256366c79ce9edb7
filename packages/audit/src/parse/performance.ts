/**
 * 绩效目标表 blocks of a published text: from the "项目支出绩效目标表" heading to the 填报日期 line.
 * Their PDF layout varies from table to table (cells split or merged differently), so fields are read
 * by their labels and the figures that follow, never by column position.
 *
 * @module parse-performance
 */
import type { Funds, Indicator, PerformanceTable } from "../model/document.ts"
import { tokensOf } from "./lines.ts"

const NUMERIC = /^[\d,]+(?:\.\d+)?$/
const digits = (s: string | undefined) => (s ?? "").replace(/,/g, "")

const LEVEL1 = new Set(["产出指标", "效益指标", "满意度指标", "绩效指标", "绩效", "指标", "一级指标"])
const LEVEL2 =
  /^(数量指标|质量指标|时效指标|成本指标|经济效益|社会效益|生态效益|可持续影响|可持续性影响|服务对象满意度)$/

/** Start and end line indexes of every 绩效目标表 block. @category parsing */
export const findBlocks = (
  lines: ReadonlyArray<string>,
  from: number,
  to: number,
): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  for (let i = from; i < to; i++) {
    if (!(lines[i] ?? "").includes("项目支出绩效目标表")) continue
    let j = i + 1
    while (j < to && !/填报日期/.test(lines[j] ?? "")) j++
    out.push([i, Math.min(j, to - 1)])
    i = j
  }
  return out
}

const after = (tokens: ReadonlyArray<string>, label: RegExp): string | undefined => {
  const k = tokens.findIndex((t) => label.test(t))
  return k < 0 ? undefined : tokens[k + 1]
}

const fundsOf = (block: ReadonlyArray<string[]>): { impl: Funds; annual: Funds } => {
  const pair = (label: RegExp): [string, string] => {
    const line = block.find((ts) => ts.some((t) => label.test(t)))
    const nums = (line ?? []).filter((t) => NUMERIC.test(t))
    return [digits(nums[0]), digits(nums[1])]
  }
  const totalLine = block.find((ts) => ts.some((t) => /实施期资金总额/.test(t))) ?? []
  const numAfter = (label: RegExp) => {
    const k = totalLine.findIndex((t) => label.test(t))
    return digits(totalLine.slice(k + 1).find((t) => NUMERIC.test(t)))
  }
  const [c1, c2] = pair(/中央财政资金/)
  const [p1, p2] = pair(/省级财政资金/)
  const [l1, l2] = pair(/市县/)
  const [s1, s2] = pair(/单位自筹/)
  const [o1, o2] = pair(/^其他资金/)
  return {
    impl: {
      total: numAfter(/实施期资金总额/),
      central: c1,
      provincial: p1,
      local: l1,
      selfRaised: s1,
      other: o1,
    },
    annual: {
      total: numAfter(/年度资金总额/),
      central: c2,
      provincial: p2,
      local: l2,
      selfRaised: s2,
      other: o2,
    },
  }
}

const indicatorsOf = (block: ReadonlyArray<string[]>): Indicator[] => {
  const start = block.findIndex((ts) => ts.includes("一级指标"))
  const out: Indicator[] = []
  let last = ""
  for (const ts of block.slice(start < 0 ? block.length : start + 1)) {
    if (ts.some((t) => /^负责人/.test(t))) break
    const tokens = ts.filter((t) => !LEVEL1.has(t))
    const groups: Array<{ level2: string; rest: string[] }> = []
    for (const t of tokens) {
      const g = groups[groups.length - 1]
      if (LEVEL2.test(t) && (g === undefined || g.rest.length > 0)) groups.push({ level2: t, rest: [] })
      else if (g === undefined) groups.push({ level2: last, rest: [t] })
      else g.rest.push(t)
    }
    // A line without a 二级指标 continues the previous one: [name, value, name, value].
    const halves =
      groups.length === 1 && groups[0]?.level2 === last && !LEVEL2.test(tokens[0] ?? "")
        ? [
            { level2: last, rest: groups[0]?.rest.slice(0, 2) ?? [] },
            { level2: last, rest: groups[0]?.rest.slice(2) ?? [] },
          ]
        : groups
    const [a, b] = halves
    if (a === undefined) continue
    last = a.level2
    out.push({
      level2: a.level2,
      name: a.rest[0] ?? "",
      value: a.rest[1] ?? "",
      annualName: b?.rest[0] ?? "",
      annualValue: b?.rest[1] ?? "",
    })
  }
  return out
}

/** Parses one block (its raw lines) into a performance table. @category parsing */
export const parseBlock = (raw: ReadonlyArray<string>): PerformanceTable => {
  const block = raw.map(tokensOf)
  const flat = block.flat()
  const life = after(flat, /^项目属性$/) ?? ""
  const period = /(\d+)\s*年/.exec(after(flat, /^项目期$/) ?? "")?.[1]
  const { impl, annual } = fundsOf(block)
  const basisLine = block.find((ts) => ts[0] === "立项依据")
  return {
    projectName: after(flat, /^项目名称$/) ?? "",
    unitName: after(flat, /^实施单位$/) ?? "",
    life,
    oneOff: life.includes("一次性"),
    periodYears: period === undefined ? undefined : Number(period),
    implementationFunds: impl,
    annualFunds: annual,
    basis: (basisLine ?? []).slice(1).join(" "),
    indicators: indicatorsOf(block),
    filledAt: /填报日期[:：]?\s*(\d{14})/.exec(raw.join("\t"))?.[1] ?? "",
  }
}
