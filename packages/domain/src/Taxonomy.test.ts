import { Result } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import * as Taxonomy from "./Taxonomy.ts"

const t2026 = Result.getOrThrow(Taxonomy.forYear(2026))
const rawFile = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL("../data/taxonomy/2026.json", import.meta.url), "utf8")) as Record<
    string,
    unknown
  >

describe("Taxonomy.forYear", () => {
  it("lists the years that have a data file", () => {
    expect(Taxonomy.years()).toContain(2026)
  })

  it("refuses a year without a file with UnknownYear", () => {
    const r = Taxonomy.forYear(1999)
    expect(Result.isFailure(r) && r.failure._tag).toBe("UnknownYear")
    expect(Result.isFailure(r) && r.failure.year).toBe(1999)
  })

  it("returns the same cached taxonomy on a second call", () => {
    expect(Result.getOrThrow(Taxonomy.forYear(2026))).toBe(t2026)
  })
})

describe("function classification", () => {
  it("has 30 classes in table-1 order, ordinals 一 … 三十, unique codes", () => {
    const classes = t2026.functionClasses()
    expect(classes).toHaveLength(30)
    expect(classes[0]).toEqual({ code: "201", name: "一般公共服务支出", ordinal: "一" })
    expect(classes[29]?.ordinal).toBe("三十")
    expect(new Set(classes.map((c) => c.code)).size).toBe(30)
    const codes = classes.map((c) => Number(c.code))
    expect([...codes].sort((a, b) => a - b)).toEqual(codes)
    for (const missing of ["218", "225", "226", "228"]) expect(codes).not.toContain(Number(missing))
  })

  it("names 类, 款 and 项 by code", () => {
    expect(Result.getOrThrow(t2026.functionName("201"))).toBe("一般公共服务支出")
    expect(Result.getOrThrow(t2026.functionName("20103"))).toBe("政府办公厅（室）及相关机构事务")
    expect(Result.getOrThrow(t2026.functionName("2010350"))).toBe("事业运行")
  })

  it("keeps the same name at several levels apart by code (229 › 22999 › 2299999)", () => {
    for (const c of ["229", "22999", "2299999"])
      expect(Result.getOrThrow(t2026.functionName(c))).toBe("其他支出")
  })

  it("an unknown code is UnknownCode naming the code, classification and year", () => {
    const r = t2026.functionName("2010398")
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure).toMatchObject({
        _tag: "UnknownCode",
        code: "2010398",
        year: 2026,
        classification: "function",
      })
      expect(r.failure.message).toContain("2010398")
    }
  })
})

describe("economic classifications", () => {
  it("names department and government codes by code, never confusing 309 and 310 items", () => {
    expect(Result.getOrThrow(t2026.deptEconomicName("301"))).toBe("工资福利支出")
    expect(Result.getOrThrow(t2026.deptEconomicName("30901"))).toBe("房屋建筑物购建")
    expect(Result.getOrThrow(t2026.deptEconomicName("31001"))).toBe("房屋建筑物购建")
    expect(Result.getOrThrow(t2026.govEconomicName("50101"))).toBe("工资奖金津补贴")
  })

  it("rejects codes of the other classification", () => {
    const a = t2026.deptEconomicName("50101")
    const b = t2026.govEconomicName("30101")
    expect(Result.isFailure(a) && a.failure.classification).toBe("dept-economic")
    expect(Result.isFailure(b) && b.failure.classification).toBe("gov-economic")
  })

  it("maps department to government codes by unit type (§2.5)", () => {
    const map = (d: string, t: "administrative" | "civil-service-managed" | "public-institution") =>
      Result.getOrThrow(t2026.govEconomicFor(d, t))
    expect(map("30101", "administrative")).toBe("50101")
    expect(map("30101", "civil-service-managed")).toBe("50101")
    expect(map("30101", "public-institution")).toBe("50501")
    expect(map("30201", "administrative")).toBe("50201")
    expect(map("30201", "public-institution")).toBe("50502")
    expect(map("30302", "administrative")).toBe("50905")
    expect(map("30302", "public-institution")).toBe("50905")
    expect(map("30239", "administrative")).toBe("50201")
  })

  it("every mapped government code exists and every department 款 maps for every unit type", () => {
    const deptCodes = (rawFile()["deptEconomic"] as Array<{ code: string }>)
      .map((e) => e.code)
      .filter((c) => c.length === 5)
    for (const d of deptCodes) {
      for (const t of ["administrative", "civil-service-managed", "public-institution"] as const) {
        const g = t2026.govEconomicFor(d, t)
        expect(Result.isSuccess(g), `${d}/${t}`).toBe(true)
        if (Result.isSuccess(g)) expect(Result.isSuccess(t2026.govEconomicName(g.success))).toBe(true)
      }
    }
  })

  it("an unmapped department code is UnknownCode", () => {
    const r = t2026.govEconomicFor("30110x", "administrative")
    expect(Result.isFailure(r) && r.failure.code).toBe("30110x")
  })
})

describe("vocabularies", () => {
  it("names funding sources, unit types, categories and 三公", () => {
    expect(t2026.fundingSourceName("general-budget")).toBe("一般公共预算")
    expect(t2026.fundingSourceName("special-account")).toBe("财政专户管理资金")
    expect(t2026.unitTypeName("public-institution")).toBe("事业单位")
    expect(t2026.basicCategoryName("personnel")).toBe("人员经费")
    expect(t2026.projectCategoryName("specific-target")).toBe("特定目标类")
    expect(t2026.threePublicName("reception")).toBe("公务接待费")
  })
})

describe("data file", () => {
  it("records its sources and flags unchecked entries, each entry naming a known source", () => {
    const f = rawFile()
    const sources = (f["sources"] as Array<{ id: string }>).map((s) => s.id)
    expect(sources).toContain("mem")
    const mem = (f["functionCodes"] as Array<{ source: string; verify?: boolean }>).filter(
      (e) => e.source === "mem",
    )
    expect(mem.length).toBeGreaterThan(0)
    for (const e of mem) expect(e.verify).toBe(true)
  })

  it("fromFile lists every problem of a bad file", () => {
    const f = rawFile()
    const bad = {
      ...f,
      year: "2026",
      functionCodes: [
        ...(f["functionCodes"] as Array<unknown>),
        { code: "2999901", name: "孤儿", source: "ref" },
      ],
    }
    const r = Taxonomy.fromFile(bad)
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) expect(r.failure.problems.some((p) => p.startsWith("year"))).toBe(true)

    const orphan = { ...f, functionCodes: bad.functionCodes }
    const r2 = Taxonomy.fromFile(orphan)
    expect(Result.isFailure(r2) && r2.failure.problems).toEqual([
      "functionCodes: 2999901 has no parent 29999",
    ])
  })

  it("fromFile rejects a mapping to an unknown government code and a duplicate mapping", () => {
    const f = rawFile()
    const mapping = f["economicMapping"] as Array<unknown>
    const r = Taxonomy.fromFile({
      ...f,
      economicMapping: [
        ...mapping,
        { dept: "30101", gov: "50888", unitTypes: ["administrative"], source: "mem" },
      ],
    })
    expect(Result.isFailure(r) && r.failure.problems).toEqual([
      "economicMapping: 30101 maps to unknown government code 50888",
      "economicMapping: 30101 is mapped twice for administrative",
    ])
  })

  it("a further year needs only data: fromFile builds a 2028 taxonomy from a copied file", () => {
    const t = Result.getOrThrow(Taxonomy.fromFile({ ...rawFile(), year: 2028 }))
    expect(t.year).toBe(2028)
    const r = t.functionName("1")
    expect(Result.isFailure(r) && r.failure.year).toBe(2028)
  })
})

describe("listing", () => {
  const listing = t2026.listing()

  it("lists every code of the file once, in code order, with level, source and verification flag", () => {
    const f = rawFile()
    const fileCodes = [
      ...(f["functionClasses"] as Array<{ code: string }>),
      ...(f["functionCodes"] as Array<{ code: string }>),
    ].map((e) => e.code)
    const codes = listing.function.map((e) => e.code)
    expect(codes).toEqual([...fileCodes].sort())
    expect(listing.counts.functionXiang).toBe(codes.filter((c) => c.length === 7).length)
    const sources = new Set(listing.sources.map((s) => s.id))
    for (const e of [...listing.function, ...listing.deptEconomic, ...listing.govEconomic]) {
      expect(sources.has(e.source), e.code).toBe(true)
      expect(e.level).toBe(({ 3: "类", 5: "款", 7: "项" } as Record<number, string>)[e.code.length])
    }
    expect(listing.counts.unverified).toBe(
      [...listing.function, ...listing.deptEconomic, ...listing.govEconomic].filter((e) => e.verify).length,
    )
  })

  it("holds 21301 农业农村 with 项 under it, so an agriculture bureau can classify its lines", () => {
    expect(Result.getOrThrow(t2026.functionName("21301"))).toBe("农业农村")
    expect(Result.getOrThrow(t2026.functionName("2130101"))).toBe("行政运行")
    expect(Result.getOrThrow(t2026.functionName("2130122"))).toBe("农业生产发展")
  })

  it("entries from sources before 2026 carry verify: true", () => {
    const older = ["xzcs-19749", "xzcs-20912", "heping-2024-17", "mof-2024-22", "issue-13", "mem"]
    for (const e of listing.function) if (older.includes(e.source)) expect(e.verify, e.code).toBe(true)
  })

  it("the text form indents by level and marks unverified entries", () => {
    const text = Taxonomy.listingText(listing)
    expect(text).toMatch(/^201 一般公共服务支出 {2}\[ref\]$/m)
    expect(text).toMatch(/^ {2}21301 农业农村 {2}\? {2}\[heping-2024-17\]$/m)
  })

  it("an unknown code's message says it is not in the classification held and where to add one", () => {
    const r = t2026.functionName("2139998")
    expect(Result.isFailure(r) && r.failure.message).toBe(
      "function code 2139998 is not in the classification budget-ledger holds for 2026 (to add a code, see docs/taxonomy.md)",
    )
  })
})
