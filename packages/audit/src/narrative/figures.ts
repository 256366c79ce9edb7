/**
 * The table figures the narrative sections talk about, read once from a document's tables: what
 * each section's sentences must equal (domain.md R14).
 *
 * @module figures
 */
import type { Money } from "@ledger/domain"
import type { RuleContext } from "../rules/context.ts"
import { at, codedRows, projectTree, rowByLabel, table } from "../tables/views.ts"

/** A labelled figure a sentence must state, optionally as a share of a whole. @category models */
export interface Expectation {
  readonly label: string
  readonly value: Money.Money
  readonly shareOf?: Money.Money | undefined
}

/** The expectations of sections 一, 二, 三, 五, 六, 七, 八 from the tables. @category projections */
export const sectionExpectations = (ctx: RuleContext): ReadonlyMap<string, ReadonlyArray<Expectation>> => {
  const { doc } = ctx
  const t1 = table(doc, "1")
  const inc = (label: string) => at(rowByLabel(t1, 0, label)?.row, 1)
  const spend = (label: string, col: number) => at(rowByLabel(t1, 2, label)?.row, col)
  const t3 = codedRows(table(doc, "3")).total?.row
  const t5 = codedRows(table(doc, "5"))
  const t6 = table(doc, "6")?.rows.find((r) => (r.cells[0] ?? "").trim() === "合计")
  const t10 = (label: string) => at(rowByLabel(table(doc, "10"), 0, label)?.row, 1)
  const incomeTotal = inc("收入总计")
  const m = new Map<string, Expectation[]>()
  if (t1 !== undefined) {
    m.set("一", [
      { label: "收入总计", value: incomeTotal },
      { label: "本年收入", value: inc("本年收入合计") },
      { label: "上年结转", value: inc("上年结转") },
      { label: "支出总计", value: spend("支出总计", 3) },
      { label: "本年预算安排", value: spend("支出总计", 4) },
    ])
    m.set("二", [
      { label: "预算收入", value: incomeTotal },
      { label: "一般公共预算拨款收入", value: inc("一般公共预算"), shareOf: incomeTotal },
      { label: "政府性基金预算拨款收入", value: inc("政府性基金预算"), shareOf: incomeTotal },
      { label: "国有资本经营预算拨款收入", value: inc("国有资本经营预算"), shareOf: incomeTotal },
      { label: "财政专户管理资金收入", value: inc("财政专户管理资金"), shareOf: incomeTotal },
      { label: "单位资金", value: inc("单位资金"), shareOf: incomeTotal },
      { label: "上年结转", value: inc("上年结转"), shareOf: incomeTotal },
    ])
  }
  if (t3 !== undefined) {
    m.set("三", [
      { label: "支出预算", value: at(t3, 2) },
      { label: "基本支出", value: at(t3, 3), shareOf: at(t3, 2) },
      { label: "项目支出", value: at(t3, 4), shareOf: at(t3, 2) },
    ])
  }
  if (t5.total !== undefined) {
    const total = at(t5.total.row, 2)
    m.set("五", [
      { label: "一般公共预算当年支出", value: total },
      ...t5.rows
        .filter((r) => r.code.length === 3)
        .map((r) => ({ label: r.name, value: at(r.row, 2), shareOf: total })),
    ])
  }
  if (t6 !== undefined) {
    m.set("六", [
      { label: "基本支出", value: at(t6, 2) },
      { label: "人员经费", value: at(t6, 3) },
      { label: "公用经费", value: at(t6, 4) },
    ])
  }
  if (table(doc, "10") !== undefined) {
    m.set("七", [
      { label: "“三公”经费预算", value: t10("合计") },
      ...[
        "因公出国（境）费",
        "公务接待费",
        "公务用车购置及运行费",
        "公务用车运行维护费",
        "公务用车购置费",
      ].map((l) => ({ label: l, value: t10(l) })),
    ])
  }
  if (table(doc, "11") !== undefined) {
    m.set("八", [
      { label: "机关运行经费财政拨款预算", value: at(rowByLabel(table(doc, "11"), 0, "部门合计")?.row, 1) },
    ])
  }
  return m
}

/** T12 as the narrative's section 十 counts it: projects (unit, name, amount) and the total. @category projections */
export const projectList = (
  ctx: RuleContext,
): { total: Money.Money; projects: Array<{ unit: string; name: string; amount: Money.Money }> } => {
  const tree = projectTree(table(ctx.doc, "12"), ctx.doc.departmentName, ctx.unitNames)
  return {
    total: at(tree.department?.row, 1),
    projects: tree.units.flatMap((u) =>
      u.projects.map((p) => ({ unit: u.name, name: p.name, amount: at(p.row, 1) })),
    ),
  }
}
