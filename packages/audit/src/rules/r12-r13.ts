/**
 * R12 (project table, current year: department = Σ units = Σ projects; its 一般公共预算 column = T5
 * 项目支出; projects = the ledger's project lines) and R13 (project table, carryover: = T3 项目 − T12).
 *
 * @module r12-r13
 */
import { Codes, Money } from "@ledger/domain"
import type { Finding } from "../model/finding.ts"
import { at, codedRows, type ProjectTree, projectTree, table } from "../tables/views.ts"
import { lines, wanOf } from "../util/ledger.ts"
import { cellPlace, compareAmounts, compareWithLedger, type Rule, type RuleContext } from "./context.ts"
import type { RuleId } from "../model/finding.ts"

const treeSums = (rule: RuleId, id: string, tree: ProjectTree, cols: number[]): Finding[] => {
  const out: Finding[] = []
  for (const col of cols) {
    out.push(
      ...compareAmounts(
        rule,
        "project-tree",
        cellPlace(id, "部门", col),
        "department row = Σ unit rows",
        Money.sum(tree.units.map((u) => at(u.row, col))),
        at(tree.department?.row, col),
        tree.units.length,
      ),
    )
    for (const u of tree.units) {
      if (u.projects.length === 0) continue
      out.push(
        ...compareAmounts(
          rule,
          "project-tree",
          cellPlace(id, u.name, col),
          `${u.name} = Σ its projects`,
          Money.sum(u.projects.map((p) => at(p.row, col))),
          at(u.row, col),
          u.projects.length,
        ),
      )
    }
  }
  const all = [
    ...(tree.department ? [{ row: tree.department.row, name: "部门" }] : []),
    ...tree.units,
    ...tree.units.flatMap((u) => u.projects),
  ]
  for (const r of all) {
    const parts = cols.slice(1)
    out.push(
      ...compareAmounts(
        rule,
        "project-row",
        cellPlace(id, r.name, 1),
        `${r.name}: 合计 = Σ sources`,
        Money.sum(parts.map((c) => at(r.row, c))),
        at(r.row, 1),
        parts.length,
      ),
    )
  }
  return out
}

const ledgerProjects = (
  ctx: RuleContext,
  id: string,
  tree: ProjectTree,
  vintage: "current" | "carryover",
): Finding[] => {
  const state = ctx.state
  if (state === undefined || state.lines.size === 0) return []
  const out: Finding[] = []
  const ls = lines(state).filter((l) => l.vintage === vintage && l.line.expenditure.kind === "project")
  for (const u of tree.units) {
    for (const p of u.projects) {
      const unit = [...state.units.values()].find((x) => x.name === u.name)
      const proj = [...state.projects.values()].find(
        (x) => x.name === p.name && (unit === undefined || x.unitCode === unit.unitCode),
      )
      const expected =
        proj === undefined
          ? Money.zero
          : wanOf(
              ls,
              (l) => l.line.expenditure.kind === "project" && l.line.expenditure.projectId === proj.projectId,
            )
      out.push(
        ...compareWithLedger(
          id === "12" ? "R12" : "R13",
          "project-ledger",
          cellPlace(id, p.name, 1),
          `${p.name} = the ledger's ${vintage} project lines`,
          expected,
          at(p.row, 1),
        ),
      )
    }
  }
  return out
}

/**
 * R12: T12 tree sums; T12's 一般公共预算 column = T5 项目支出 (T5 holds that budget only, while
 * T12's 合计 also holds 政府性基金, 国有资本 and the unit's own project money); projects = ledger.
 * @category rules
 */
export const r12: Rule = (ctx) => {
  const t = table(ctx.doc, "12")
  if (t === undefined) return []
  const tree = projectTree(t, ctx.doc.departmentName, ctx.unitNames)
  const out = treeSums("R12", "12", tree, [1, 2, 3, 4, 5, 6])
  const t5 = table(ctx.doc, "5")
  if (t5 !== undefined)
    out.push(
      ...compareAmounts(
        "R12",
        "t12-t5",
        cellPlace("12", "部门", 2),
        "T12 一般公共预算 = T5 项目支出",
        at(codedRows(t5).total?.row, 4),
        at(tree.department?.row, 2),
      ),
    )
  out.push(...ledgerProjects(ctx, "12", tree, "current"))
  return out
}

/**
 * R13: T13 tree sums; T13 合计 (the 财政拨款 project carryover) = T3 项目 − T12 合计 (T3's project
 * column holds the current projects of every source and the carryover), less any project carryover
 * of non-财政拨款 money the ledger holds (T13 prints 财政拨款 only).
 * @category rules
 */
export const r13: Rule = (ctx) => {
  const t = table(ctx.doc, "13")
  if (t === undefined) return []
  const tree = projectTree(t, ctx.doc.departmentName, ctx.unitNames)
  const out = treeSums("R13", "13", tree, [1, 2, 3, 4])
  const t3 = table(ctx.doc, "3")
  const t12 = table(ctx.doc, "12")
  if (t3 !== undefined && t12 !== undefined) {
    const current = at(projectTree(t12, ctx.doc.departmentName, ctx.unitNames).department?.row, 1)
    const state = ctx.state
    const otherCarry =
      state !== undefined && state.lines.size > 0
        ? wanOf(
            lines(state),
            (l) =>
              l.vintage === "carryover" &&
              l.line.expenditure.kind === "project" &&
              !Codes.FISCAL_APPROPRIATION_SOURCES.includes(l.line.fundingSource),
          )
        : Money.zero
    const expected = Money.sub(Money.sub(at(codedRows(t3).total?.row, 4), current), otherCarry)
    out.push(
      ...compareAmounts(
        "R13",
        "t13-t3-t12",
        cellPlace("13", "部门", 1),
        "T13 合计 = T3 项目支出 − T12 合计 (− non-财政拨款 project carryover)",
        expected,
        at(tree.department?.row, 1),
        3,
      ),
    )
  }
  out.push(...ledgerProjects(ctx, "13", tree, "carryover"))
  return out
}
