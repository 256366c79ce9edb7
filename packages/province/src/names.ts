/**
 * Invented names for a generated department: county or district, department, units, projects and duties,
 * assembled from a few syllables and the sector's work so every name is unique within its
 * department-year (the disclosure matches 绩效目标表 to projects by name).
 *
 * @module names
 */
import type { Random } from "./random.ts"
import type { Sector } from "./sectors.ts"

const SYLLABLES = [
  "安",
  "宁",
  "平",
  "和",
  "丰",
  "泰",
  "兴",
  "源",
  "清",
  "河",
  "山",
  "阳",
  "云",
  "林",
  "德",
  "永",
  "康",
  "乐",
  "新",
  "东",
]
const UNIT_KINDS = [
  "服务中心",
  "事务中心",
  "信息中心",
  "综合保障中心",
  "发展中心",
  "管理站",
  "执法大队",
  "研究室",
]
const PROJECT_KINDS = [
  "系统运维",
  "设备购置",
  "专项工作经费",
  "业务培训",
  "宣传经费",
  "场所维修",
  "信息化建设",
  "课题研究",
  "运转保障",
  "监督检查",
]

/** The names of one department. @category models */
export interface Names {
  readonly region: string
  /** The region without its 县, for 文号 like "安宁财预〔2026〕12号". */
  readonly short: string
  readonly department: string
  readonly duties: ReadonlyArray<string>
  readonly unit: (index: number) => string
  readonly project: (index: number) => string
}

/** A county (Shanxi template) or a city district (Shanghai template). @category models */
export type Level = "county" | "district"

/** Draws a department's names (the same draws whatever the level). @category constructors */
export const makeNames = (r: Random, sector: Sector, level: Level = "county"): Names => {
  const short = `${r.pick(SYLLABLES)}${r.pick(SYLLABLES)}`
  const suffix = level === "county" ? "县" : "区"
  const region = `${short}${suffix}`
  const department = `${region}${sector.work}局`
  return {
    region,
    short,
    department,
    duties: [
      `负责全${suffix}${sector.work}工作的组织实施。`,
      `承担${sector.work}相关政策的宣传和落实。`,
      `完成${suffix}委、${suffix}政府交办的其他任务。`,
    ],
    unit: (i) =>
      i === 0
        ? level === "county"
          ? department
          : `${department}本部`
        : `${department}${UNIT_KINDS[(i - 1) % UNIT_KINDS.length]}${i > UNIT_KINDS.length ? String(Math.ceil(i / UNIT_KINDS.length)) : ""}`,
    project: (i) =>
      `${sector.work}${PROJECT_KINDS[i % PROJECT_KINDS.length]}${Math.floor(i / PROJECT_KINDS.length) + 1}号`,
  }
}
