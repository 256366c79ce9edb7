/**
 * The admin app in a real browser (Debian's chromium through playwright-core) against the real
 * server `pnpm start` runs: open the disclosure, travel in time, diff, trace a cell, append an
 * adjustment (first refused with the error next to its field, then accepted), publish, and
 * reconcile the reference document. Expected values come from the API itself, never from the
 * reference document; each test saves a screenshot to `artifacts/screenshots/`.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { chromium } from "playwright-core"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { REPO_ROOT, startServer } from "./testing-fixtures/server.ts"
import type { StartedServer } from "./testing-fixtures/server.ts"

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"
const SHOTS = join(REPO_ROOT, "artifacts", "screenshots")
const REFERENCE = join(
  REPO_ROOT,
  "fixtures",
  "reference-documents",
  "disclosure-2026-tunliu-government-office.txt",
)
const DY = "/v1/departments/002/years/2026"
const SHANGHAI_FIXTURE = join(REPO_ROOT, "fixtures", "shanghai-putuo-chengguan", "events.ndjson")

interface Row {
  readonly cells: ReadonlyArray<string>
  readonly cellLines?: ReadonlyArray<ReadonlyArray<string> | null>
}
interface Doc {
  readonly documentHash: string
  readonly asOf: { readonly position: number }
  readonly department: { readonly name: string }
  readonly tables: ReadonlyArray<{ readonly id: string; readonly rows: ReadonlyArray<Row> }>
}
interface AuditEvent {
  readonly position: number
  readonly type: string
  readonly data: Record<string, unknown>
}

let server: StartedServer
let browser: Browser
let page: Page
const pageErrors: Array<string> = []

/** Calls the API directly (the test's source of truth). */
const api = async <T>(path: string, key: string, init: RequestInit = {}): Promise<T> => {
  const r = await fetch(server.url + path, {
    ...init,
    headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string> | undefined) },
  })
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`)
  return (await r.json()) as T
}
const disclosure = (asOf = "current") => api<Doc>(`${DY}/disclosure?asOf=${asOf}`, server.keys.auditor)
const events = async () =>
  (await api<{ events: Array<AuditEvent> }>(`${DY}/events`, server.keys.auditor)).events
const cell = (d: Doc, t: string, r: number, c: number): string =>
  d.tables.find((x) => x.id === t)?.rows[r]?.cells[c] ?? "<missing>"

const shot = async (name: string) => {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `admin-${name}.png`), fullPage: false })
}

/** Enters a key in the dialog (after forgetting the current one when asked). */
const signIn = async (key: string, switching = false) => {
  if (switching) await page.click("#logout")
  await page.waitForSelector("#login[open]")
  await page.fill("#login-key", key)
  await page.click("#login-form button[type=submit]")
  await page.waitForSelector("#login:not([open])", { state: "attached" })
}

const cellText = (sel: string) => page.locator(sel).first().innerText()
/** Waits until the element shows exactly `text`. */
const untilText = (sel: string, text: string) =>
  expect.poll(() => cellText(sel), { timeout: 10_000 }).toBe(text)

const browserAvailable = existsSync(CHROMIUM)

describe.skipIf(!browserAvailable)("admin web app in chromium", () => {
  beforeAll(async () => {
    server = await startServer()
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    })
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" })
    page.on("pageerror", (e) => pageErrors.push(String(e)))
    page.on("console", (m) => {
      if (m.type() === "error" && !/status of (4\d\d)/.test(m.text())) pageErrors.push(m.text())
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("opens the disclosure as the document, with 13 tables and the two charts", async () => {
    const current = await disclosure()
    await page.goto(server.url + "/")
    await signIn(server.keys.auditor)
    await page.waitForSelector("article.document")
    expect(await page.locator(".cover h1").first().innerText()).toBe(current.department.name)
    expect(await page.locator("section.table").count()).toBe(current.tables.length)
    expect(await page.locator("svg.chart").count()).toBe(2)
    expect(await cellText('td[data-cell="1/0/1"]')).toBe(cell(current, "1", 0, 1))
    expect(await page.locator("#version code").getAttribute("title")).toBe(current.documentHash)
    await shot("open-disclosure")
  })

  it("travels in time: as published and now one click apart, an earlier event, [ and ]", async () => {
    const [published, current, log] = await Promise.all([disclosure("published"), disclosure(), events()])
    expect(cell(published, "1", 0, 1)).not.toBe(cell(current, "1", 0, 1))

    await page.click("#as-published")
    await untilText('article td[data-cell="1/0/1"]', cell(published, "1", 0, 1))
    expect(await page.locator("#version").innerText()).toContain("按发布版本")

    await page.click("#as-current")
    await untilText('article td[data-cell="1/0/1"]', cell(current, "1", 0, 1))

    const firstAdjustment = log.find((e) => e.type === "AdjustmentRecorded")
    expect(firstAdjustment).toBeDefined()
    const at = firstAdjustment?.position ?? 0
    const atDoc = await disclosure(String(at))
    await page.click(`#timeline button[data-position="${at}"]`)
    await page.waitForSelector(`#timeline li.here button[data-position="${at}"]`)
    await untilText('article td[data-cell="1/0/1"]', cell(atDoc, "1", 0, 1))
    expect(await page.locator("#version").innerText()).toContain(`事件位置 ${at}`)

    await page.keyboard.press("[")
    const before = log[log.findIndex((e) => e.position === at) - 1]?.position
    await page.waitForSelector(`#timeline li.here button[data-position="${before}"]`)
    await page.keyboard.press("]")
    await page.waitForSelector(`#timeline li.here button[data-position="${at}"]`)
    await shot("time-travel")
  })

  it("diffs as published with now: changed cells highlighted old → new", async () => {
    const diff = await api<{
      cells: Array<{ table: string; toRow: number | null; col: number; old: string; new: string }>
    }>(`${DY}/diff?from=published&to=current`, server.keys.auditor)
    expect(diff.cells.length).toBeGreaterThan(0)
    await page.keyboard.press("d")
    await page.waitForSelector("td.changed")
    const shown = diff.cells.filter((c) => c.toRow !== null)
    expect(await page.locator("article td.changed").count()).toBe(shown.length)
    const first = shown[0]
    const td = page.locator(`td[data-cell="${first?.table}/${first?.toRow}/${first?.col}"]`).first()
    expect(await td.locator("del").innerText()).toBe(first?.old || "（空）")
    expect(await td.locator("ins").innerText()).toBe(first?.new || "（空）")
    expect(await page.locator("#diff-count").innerText()).toContain(`${diff.cells.length} 个单元格`)
    await td.scrollIntoViewIfNeeded()
    await shot("diff")
  })

  it("opens a cell's provenance: lines, amounts in 元, events with actor and hash; Esc closes it", async () => {
    await page.click("#as-current")
    await page.waitForSelector("article.document")
    const prov = await api<{
      printed: string
      sumYuan: string
      lines: Array<{
        lineId: string
        contributions: Array<{ documentNumber?: string; event: { hash?: string } }>
      }>
    }>(`${DY}/disclosure/cells/1/0/1`, server.keys.auditor)
    await page.click('td[data-cell="1/0/1"]')
    await page.waitForSelector("#panel:not([hidden]) #prov-sum")
    expect(await cellText("#prov-printed")).toBe(prov.printed)
    expect(await cellText("#prov-sum")).toBe(prov.sumYuan)
    expect(await page.locator("#panel ol.lines > li").count()).toBe(prov.lines.length)
    const adjusted = prov.lines.flatMap((l) => l.contributions).find((c) => c.documentNumber !== undefined)
    expect(adjusted).toBeDefined()
    const panelText = await page.locator("#panel").innerText()
    expect(panelText).toContain(adjusted?.documentNumber ?? "<none>")
    expect(await page.locator(`#panel code[title="${adjusted?.event.hash}"]`).count()).toBe(1)
    await shot("provenance")
    await page.keyboard.press("Escape")
    await page.waitForSelector("#panel", { state: "hidden" })
  })

  it("reconciles the reference document's text and lists the findings", async () => {
    const text = readFileSync(REFERENCE, "utf8")
    const expected = await api<{ discrepancies: Array<{ rule: string }> }>(
      `${DY}/reconcile?asOf=published`,
      server.keys.auditor,
      {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: text,
      },
    )
    expect(expected.discrepancies.length).toBeGreaterThan(0)
    await page.click('#views a[data-view="reconcile"]')
    await page.setInputFiles("#reconcile-file", REFERENCE)
    await expect.poll(async () => (await page.inputValue("#reconcile-text")).length).toBeGreaterThan(1000)
    await page.click(".reconcile-form button[type=submit]")
    await page.waitForSelector("#reconcile-report")
    expect(await page.locator("#reconcile-report tbody tr").count()).toBe(expected.discrepancies.length)
    expect(await cellText("#reconcile-summary")).toContain(`${expected.discrepancies.length} 项差异`)
    await shot("reconcile")
  })

  it("shows the audit trail with the server's chain verification", async () => {
    await page.click('#views a[data-view="audit"]')
    await page.waitForSelector("#verify-status.ok")
    expect(await page.locator("table.audit tbody tr").count()).toBe((await events()).length)
    expect(await page.locator("table.audit tr.broken").count()).toBe(0)
    await shot("audit")
  })
  it("refuses a bad adjustment next to its fields and writes nothing, then appends a correct one", async () => {
    await signIn(server.keys.writer, true)
    await page.waitForSelector("#timeline li")
    await page.click('#views a[data-view="write"]')
    await page.waitForSelector("#adjust-form")
    const log = await events()
    const line = log.flatMap((e) =>
      e.type === "AppropriationRecorded" ? [e.data["line"] as { lineId: string }] : [],
    )[0]
    expect(line).toBeDefined()
    await page.fill("#f-adjustmentId", "ADJ-E2E-001")
    await page.fill("#f-lineId", line?.lineId ?? "")
    await page.fill("#f-delta", "1000.123")
    await page.fill("#f-documentNumber", "E2E〔2026〕1号")
    await page.fill("#f-reason", "")
    await page.click("#adjust-form button[type=submit]")
    await expect.poll(() => cellText("#e-delta")).not.toBe("")
    expect(await cellText("#e-delta")).toContain("最多两位小数")
    expect(await cellText("#e-reason")).toContain("不能为空")
    expect(await cellText("#e-reason")).not.toBe("")
    expect(await page.locator("#f-delta").getAttribute("aria-invalid")).toBe("true")
    expect(await cellText("#form-error")).toContain("未写入")
    await shot("adjustment-error")
    expect((await events()).length).toBe(log.length)

    const before = await disclosure()
    await page.fill("#f-delta", "1000.00")
    await page.fill("#f-reason", "端到端测试：追加经费")
    await page.click("#adjust-form button[type=submit]")
    await page.waitForSelector("#append-ok")
    expect(await cellText("#e-delta")).toBe("")
    const after = await events()
    expect(after.length).toBe(log.length + 1)
    expect(after.at(-1)?.type).toBe("AdjustmentRecorded")
    expect((await disclosure()).documentHash).not.toBe(before.documentHash)
    await page.waitForSelector(`#timeline button[data-position="${after.at(-1)?.position}"]`)
    await shot("adjustment-ok")
  })

  it("publishes the current state: as published now shows the new figures", async () => {
    await page.click("#publish")
    await page.click("#publish-confirm")
    await page.waitForSelector("#publish-ok")
    const log = await events()
    expect(log.at(-1)?.type).toBe("DisclosurePublished")
    const published = await disclosure("published")
    const current = await disclosure()
    expect(cell(published, "1", 0, 1)).toBe(cell(current, "1", 0, 1))
    await shot("publish")
    await page.click('#views a[data-view="doc"]')
    await page.click("#as-published")
    await untilText('article td[data-cell="1/0/1"]', cell(published, "1", 0, 1))
    // The current document shows the same figure; wait for the published one to replace it.
    await expect
      .poll(() => page.locator("#version code").getAttribute("title"), { timeout: 10_000 })
      .toBe(published.documentHash)
    expect(pageErrors).toEqual([])
  })

  it("lists both years of the department with totals, changes and a chart, and opens 2025 as published", async () => {
    const listed = await api<{
      years: Array<{ year: number; published: { documentHash: string; totals: { total: string } } | null }>
    }>("/v1/departments/002/years", server.keys.auditor)
    expect(listed.years.map((y) => y.year)).toEqual([2025, 2026])
    await page.click('#views a[data-view="years"]')
    await page.waitForSelector("table.years tbody tr")
    const rowYears = page.locator("table.years tbody tr")
    expect(await rowYears.count()).toBe(2)
    expect(await rowYears.nth(0).getAttribute("data-year")).toBe("2025")
    expect(await rowYears.nth(1).getAttribute("data-year")).toBe("2026")
    const total2025 = (Number(listed.years[0]?.published?.totals.total) / 10000).toFixed(2)
    expect(await cellText('table.years tr[data-year="2025"] td.total')).toBe(total2025)
    expect(await cellText('table.years tr[data-year="2026"] td.status')).toContain("已发布")
    expect(await page.locator(".years-chart svg rect").count()).toBe(2)
    await shot("years")
    await page.click('table.years tr[data-year="2025"] button.open-published')
    await page.waitForSelector("article.document")
    await expect.poll(() => cellText(".cover h1:nth-of-type(2)")).toBe("2025年度部门预算公开")
    expect(await page.locator("#version code").getAttribute("title")).toBe(
      listed.years[0]?.published?.documentHash,
    )

    // A 2026 上年结转 cell traces back to its 2025 origin line and 2025's year-end close.
    const published2026 = await disclosure("published")
    const carried = published2026.tables.flatMap((t) =>
      t.rows.flatMap((r, row) =>
        (r.cellLines ?? []).flatMap((ids, col) =>
          ids?.length === 1 && ids[0] === "002001-02-k2025" ? [`${t.id}/${row}/${col}`] : [],
        ),
      ),
    )[0]
    expect(carried).toBeDefined()
    await page.goto(`${server.url}/#/002/2026/doc?asOf=published`)
    await page.click(`article td[data-cell="${carried ?? ""}"]`)
    await page.waitForSelector('#panel .origin[data-origin-year="2025"]')
    const origin = await cellText("#panel .origin")
    expect(origin).toContain("002001-02-c")
    expect(origin).toContain("年终结转")
    await shot("carryover-origin")
    await page.keyboard.press("Escape")
    expect(pageErrors).toEqual([])
  })

  it("shows a published document to the public without a key, read-only, with PDF and open-data links", async () => {
    const published = await disclosure("published")
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" })
    const visitor = await context.newPage()
    const errors: Array<string> = []
    visitor.on("pageerror", (e) => errors.push(String(e)))
    await visitor.goto(server.url + "/#/public/002/2026")
    await visitor.waitForSelector('article.document[data-public="true"]')
    expect(await visitor.locator("#login[open]").count()).toBe(0)
    expect(await visitor.locator("article.document").getAttribute("data-hash")).toBe(published.documentHash)
    expect(await visitor.locator("#permalink").getAttribute("href")).toBe(
      `/v1/public/departments/002/years/2026/publications/${published.documentHash}`,
    )
    const pdf = await visitor.locator('a[data-format="pdf"]').getAttribute("href")
    expect(pdf).toBe("/v1/public/departments/002/years/2026/disclosure?format=pdf")
    const fdp = await fetch(
      server.url + ((await visitor.locator('a[data-format="fdp"]').getAttribute("href")) ?? ""),
    )
    expect(fdp.status).toBe(200)
    expect(fdp.headers.get("etag")).toBe(`"${published.documentHash}.fdp"`)
    expect(await visitor.locator("#views").isVisible()).toBe(false)
    await visitor.screenshot({ path: join(SHOTS, "admin-public.png") })
    await context.close()
    expect(errors).toEqual([])
  })

  it("opens a Shanghai department in its own layout: 编制部门, 元 tables with 类/款/项, the 申报表", async () => {
    const created = await fetch(server.url + "/v1/keys", {
      method: "POST",
      headers: { authorization: `Bearer ${server.keys.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "writer", departments: ["PTCGZF"], label: "shanghai e2e" }),
    })
    const writer = ((await created.json()) as { secret: string }).secret
    const lines = readFileSync(SHANGHAI_FIXTURE, "utf8").trim().split("\n")
    const events = lines
      .map((l) => JSON.parse(l) as { type: string })
      .filter((e) => e.type !== "DisclosurePublished")
    const appended = await fetch(server.url + "/v1/departments/PTCGZF/years/2026/events", {
      method: "POST",
      headers: {
        authorization: `Bearer ${writer}`,
        "content-type": "application/json",
        "idempotency-key": "shanghai-e2e",
      },
      body: JSON.stringify({ events }),
    })
    expect(appended.status, await appended.clone().text()).toBeLessThan(300)
    const doc = await api<Doc & { tables: ReadonlyArray<{ title: string }> }>(
      "/v1/departments/PTCGZF/years/2026/disclosure",
      server.keys.auditor,
    )

    // Signed in again as the auditor (an earlier test may have switched to the writer of 002), so the
    // department list is read afresh and includes the new department.
    await page.goto(`${server.url}/#/PTCGZF/2026/doc`)
    await page.reload()
    if ((await page.locator("#login[open]").count()) > 0) await signIn(server.keys.auditor)
    else await signIn(server.keys.auditor, true)
    await page.goto(`${server.url}/#/PTCGZF/2026/doc`)
    await page.waitForSelector('article.document h1:has-text("区级部门预算")')
    expect(await page.locator(".cover h1").first().innerText()).toBe(`预算主管部门：${doc.department.name}`)
    expect(await page.locator("section.table").count()).toBe(9)
    expect(await page.locator("section.table .meta").first().innerText()).toContain(
      `编制部门：${doc.department.name}`,
    )
    expect(await page.locator("section#table-2 thead").innerText()).toMatch(/类\s+款\s+项/)
    expect(await cellText('td[data-cell="1/0/1"]')).toBe(cell(doc, "1", 0, 1))
    expect(await page.locator("section.performance").innerText()).toContain("年度资金申请总额")
    expect(await page.locator("#timeline").innerText()).toContain("功能科目用途")
    await shot("shanghai")
    expect(pageErrors).toEqual([])
  }, 90_000)
})
