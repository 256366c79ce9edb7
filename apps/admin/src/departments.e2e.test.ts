/**
 * The 部门列表 page in a real browser over `pnpm start`'s entry, with a province's worth of
 * departments (250 appended over the API, two templates, two years): the picker names every
 * department, the list counts them, search by name or code, filters by template and year, and a
 * row opens its department. Expected counts come from the API's own list.
 */
import { existsSync } from "node:fs"
import { chromium } from "playwright-core"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startServer } from "./testing-fixtures/server.ts"
import type { StartedServer } from "./testing-fixtures/server.ts"

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"
const N = 250

interface Listed {
  readonly code: string
  readonly name?: string
  readonly template?: string
  readonly years: ReadonlyArray<{ readonly year: number }>
}

let server: StartedServer
let browser: Browser
let page: Page

const codeOf = (i: number) => `7${String(i).padStart(3, "0")}`
const nameOf = (i: number) => `示例${i % 5 === 0 ? "农业农村局" : i % 5 === 1 ? "教育局" : "财政局"}${i}`
const templateOf = (i: number) => (i % 3 === 0 ? "shanghai-district-9" : "shanxi-county-13")

/** Appends one department's profile for a year. */
const profile = (key: string, i: number, year: number) =>
  fetch(`${server.url}/v1/departments/${codeOf(i)}/years/${year}/events`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      "idempotency-key": `p-${i}-${year}`,
    },
    body: JSON.stringify({
      events: [
        {
          stream: { department: codeOf(i), year },
          type: "DepartmentProfileRecorded",
          schemaVersion: 1,
          occurredAt: `${year - 1}-10-01`,
          idempotencyKey: `${codeOf(i)}/${year}/profile`,
          data: {
            departmentCode: codeOf(i),
            name: nameOf(i),
            regionName: "示例县",
            template: templateOf(i),
            duties: ["职责。"],
          },
        },
      ],
    }),
  })

describe.skipIf(!existsSync(CHROMIUM))("部门列表 in chromium", () => {
  beforeAll(async () => {
    server = await startServer()
    const made = await fetch(`${server.url}/v1/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.keys.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "writer", departments: Array.from({ length: N }, (_, i) => codeOf(i)) }),
    })
    const { secret } = (await made.json()) as { secret: string }
    for (let i = 0; i < N; i++) {
      expect((await profile(secret, i, 2026)).status).toBe(201)
      if (i % 4 === 0) expect((await profile(secret, i, 2025)).status).toBe(201)
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    })
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" })
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("names every department in the picker and lists, searches and filters hundreds of them", async () => {
    const list = async () =>
      (
        (await (
          await fetch(`${server.url}/v1/departments`, {
            headers: { authorization: `Bearer ${server.keys.auditor}` },
          })
        ).json()) as { departments: Array<Listed> }
      ).departments
    // The list answers within its wait for profiles; names it has not read yet arrive next call.
    await expect
      .poll(async () => (await list()).every((d) => typeof d.name === "string"), { timeout: 30_000 })
      .toBe(true)
    const listed = await list()
    expect(listed.length).toBe(N + 1)
    expect(listed.every((d) => typeof d.name === "string" && d.name !== "")).toBe(true)

    await page.goto(`${server.url}/#/002/2026/departments`)
    await page.waitForSelector("#login[open]")
    await page.fill("#login-key", server.keys.auditor)
    await page.click("#login-form button[type=submit]")
    await page.waitForSelector("#dept-count")

    // The picker names every department.
    const options = await page.locator("#department option").allInnerTexts()
    expect(options.length).toBe(N + 1)
    for (const d of listed) expect(options).toContain(`${d.code} ${d.name}`)

    const count = () => page.locator("#dept-count").innerText()
    const rows = () => page.locator("#dept-rows tr").count()
    await expect.poll(count).toContain(`共 ${N + 1} 个部门`)
    expect(await rows()).toBe(200)

    await page.fill("#dept-search", "农业农村")
    const agri = listed.filter((d) => d.name?.includes("农业农村"))
    await expect.poll(count).toBe(`共 ${agri.length} 个部门`)
    expect(await rows()).toBe(agri.length)

    await page.selectOption("#dept-template", "shanghai-district-9")
    const agriShanghai = agri.filter((d) => d.template === "shanghai-district-9")
    await expect.poll(count).toBe(`共 ${agriShanghai.length} 个部门`)

    await page.selectOption("#dept-year", "2025")
    const agriShanghai2025 = agriShanghai.filter((d) => d.years.some((y) => y.year === 2025))
    await expect.poll(count).toBe(`共 ${agriShanghai2025.length} 个部门`)
    expect(agriShanghai2025.length).toBeGreaterThan(0)

    await page.selectOption("#dept-template", "")
    await page.selectOption("#dept-year", "")
    await page.fill("#dept-search", codeOf(17))
    await expect.poll(count).toBe("共 1 个部门")
    await page.click(`#dept-rows tr[data-code="${codeOf(17)}"] td:nth-child(2) a`)
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/${codeOf(17)}/2026/doc`)
  }, 120_000)

  it("shows a cell's budget lines by name — 单位 · 功能科目 · 经济科目 · 项目 — with the id on demand", async () => {
    const auth = { authorization: `Bearer ${server.keys.auditor}` }
    const D = `${server.url}/v1/departments/002/years/2026`
    const prov = (await (await fetch(`${D}/disclosure/cells/12/1/1`, { headers: auth })).json()) as {
      lines: Array<{
        lineId: string
        unitCode: string
        functionCode: string
        expenditure: { projectId?: string }
      }>
    }
    const log = (await (await fetch(`${D}/events`, { headers: auth })).json()) as {
      events: Array<{ type: string; data: Record<string, string> }>
    }
    const tax = (await (await fetch(`${server.url}/v1/taxonomy/2026`, { headers: auth })).json()) as {
      function: Array<{ code: string; name: string }>
    }
    const line = prov.lines[0]
    expect(line).toBeDefined()
    const unit = log.events.find((e) => e.type === "UnitRegistered" && e.data["unitCode"] === line?.unitCode)
    const project = log.events.find(
      (e) => e.type === "ProjectRegistered" && e.data["projectId"] === line?.expenditure.projectId,
    )
    const fn = tax.function.find((f) => f.code === line?.functionCode)

    await page.goto(`${server.url}/#/002/2026/doc`)
    await page.click('td[data-cell="12/1/1"]')
    await page.waitForSelector("#panel:not([hidden]) .line-name")
    const label = page.locator("#panel .line-name").first()
    const text = await label.innerText()
    expect(text).toContain(`${unit?.data["name"]} · ${line?.functionCode} ${fn?.name}`)
    expect(text).toContain(String(project?.data["name"]))
    expect(await label.locator("details.line-id code").isVisible()).toBe(false)
    await label.locator("details.line-id summary").click()
    expect(await label.locator("details.line-id code").innerText()).toBe(line?.lineId)
  }, 60_000)
})
