/**
 * R14 for section 十 (绩效管理情况): unit and project counts and amounts against table 12, the
 * published-targets claim against the performance tables actually printed, and what the 整体绩效目标
 * covers.
 *
 * @module r14-targets
 */
import { Money } from "@ledger/domain"
import type { Finding } from "../model/finding.ts"
import { countAfter, money } from "../narrative/extract.ts"
import { projectList } from "../narrative/figures.ts"
import { at, rowByLabel, table } from "../tables/views.ts"
import { within } from "../util/amount.ts"
import { finding, type Rule } from "./context.ts"
import { checkPercent } from "./r14-narrative.ts"

const NUM = String.raw`(\d+(?:\.\d+)?)`

/** R14 over section 十. @category rules */
export const r14Targets: Rule = (ctx) => {
  const s = ctx.doc.narrative.find((x) => x.id === "十")
  if (s === undefined) return []
  const out: Finding[] = []
  const { total, projects } = projectList(ctx)
  const place = (row: string) => ({ section: "十", row })
  const count = (label: string, unit: string, expected: number, check: string, what: string) => {
    const c = countAfter(s.text, label, unit)
    if (c !== undefined && c.value !== expected)
      out.push(
        finding("R14", check, place(label), `${what}: the text says ${c.text}, expected ${expected}`, {
          expected: String(expected),
          actual: c.text,
        }),
      )
  }
  count(
    "二级项目",
    "个",
    projects.length,
    "narrative-count",
    "projects under performance management vs table 12",
  )
  for (const st of new RegExp(String.raw`二级项目[^，,]*[，,]共计金额${NUM}万元`).exec(s.text)?.slice(1, 2) ??
    []) {
    const m = money(st)
    if (m === undefined || !within(m, total))
      out.push(
        finding(
          "R14",
          "narrative-amount",
          place("共计金额"),
          `project total: the text says ${st}万元, table 12 says ${total}万元`,
          { expected: total, actual: st },
        ),
      )
  }
  const state = ctx.state
  if (state !== undefined && state.projects.size > 0) {
    for (const [label, cat] of [
      ["其他运转类项目", "other-operation"],
      ["特定目标类项目", "specific-target"],
    ] as const) {
      const ps = [...state.projects.values()].filter((p) => p.category === cat).map((p) => p.name)
      count(
        label,
        "个",
        projects.filter((p) => ps.includes(p.name)).length,
        "narrative-count",
        `${label} count`,
      )
    }
  }
  const printed = ctx.doc.performance
  const published =
    /公开项目绩效目标(\d+|[一二两三四五六七八九十]{1,3})个[，,]\s*涉及项目金额(\d+(?:\.\d+)?)万元[^%]*?(\d+(?:\.\d+)?)%/.exec(
      s.text,
    )
  if (printed !== undefined && published !== null) {
    count(
      "公开项目绩效目标",
      "个",
      printed.length,
      "targets-published-count",
      "published project targets vs 绩效目标表 printed",
    )
    const covered = Money.sum(
      projects
        .filter((p) =>
          printed.some((t) => t.projectName === p.name && (t.unitName === "" || t.unitName === p.unit)),
        )
        .map((p) => p.amount),
    )
    const amount = money(published[2])
    if (amount === undefined || !within(amount, covered, printed.length)) {
      out.push(
        finding(
          "R14",
          "targets-published-amount",
          place("涉及项目金额"),
          `published targets cover ${published[2]}万元 by the text, ${covered}万元 by the tables printed`,
          { expected: covered, actual: published[2] ?? "" },
        ),
      )
    }
    const share = checkPercent(
      s,
      "公开项目占比",
      published[3] ?? "",
      Money.make(Money.percentOfWan(covered, total)),
    )
    out.push(...share.map((f) => ({ ...f, check: "targets-published-share", knownDefect: 2 })))
  }
  const overall = /整体绩效目标[\s\S]*?涉及资金(\d+(?:\.\d+)?)万元/.exec(s.text)
  const budget = at(rowByLabel(table(ctx.doc, "1"), 0, "本年收入合计")?.row, 1)
  const grand = at(rowByLabel(table(ctx.doc, "1"), 0, "收入总计")?.row, 1)
  const stated = money(overall?.[1])
  if (stated !== undefined && !Money.isZero(budget) && !within(stated, budget) && !within(stated, grand)) {
    const isProjects = within(stated, total)
    out.push(
      finding(
        "R14",
        "overall-target-coverage",
        place("整体绩效目标"),
        `unit-wide targets cover ${overall?.[1]}万元${isProjects ? ", the project total only" : ""}; they should cover the whole budget (${budget}, or ${grand} with carryover)`,
        { expected: budget, actual: overall?.[1] ?? "", severity: "warning" },
      ),
    )
  }
  return out
}
