/**
 * Officials read Chinese, developers English: `?lang=zh|en` or Accept-Language picks the language of
 * the findings, the discrepancies and every problem title; English stays the default, and the
 * structured fields (rule, check, place, type URIs, paths) never change with the language.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness } from "./testing-fixtures/harness.ts"
import { newAppropriation, publishedText } from "./testing-fixtures/requests.ts"

const D = "/v1/departments/002/years/2026"
const HAN = /[\u4e00-\u9fff]/
let h: Harness
beforeAll(async () => {
  h = await makeHarness()
})

interface Finding {
  rule: string
  check: string
  place: unknown
  message: string
}

const findings = async (query: string, headers: Record<string, string> = {}) =>
  (
    (await (await h.call(`${D}/checks${query}`, { key: h.keys.auditor, headers })).json()) as {
      findings: Array<Finding>
    }
  ).findings

describe("lang", () => {
  it("findings in Chinese with lang=zh or Accept-Language zh, the same findings otherwise", async () => {
    const en = await findings("")
    const zh = await findings("?lang=zh")
    const byHeader = await findings("", { "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" })
    expect(en.length).toBeGreaterThan(0)
    expect(zh.map(({ message: _, ...f }) => f)).toEqual(en.map(({ message: _, ...f }) => f))
    expect(byHeader).toEqual(zh)
    for (const f of zh) {
      expect(f.message).toMatch(HAN)
      expect(f.message).toContain(`（${f.rule} `)
    }
    expect(en.every((f) => f.message.startsWith("错误") || f.message.startsWith("提示"))).toBe(false)
    expect(await findings("?lang=en", { "accept-language": "zh-CN" })).toEqual(en)
  })

  it("reconcile discrepancies in Chinese name both sides", async () => {
    const r = await h.call(`${D}/reconcile?lang=zh`, {
      method: "POST",
      key: h.keys.auditor,
      headers: { "content-type": "text/plain" },
      body: publishedText(),
    })
    const { discrepancies } = (await r.json()) as { discrepancies: Array<{ message: string }> }
    expect(discrepancies.length).toBeGreaterThan(0)
    for (const d of discrepancies) expect(d.message).toMatch(/账本为 .*，文档为 /)
  })

  it("problem titles in Chinese; type, status and detail unchanged", async () => {
    const en = (await (await h.call(`${D}/disclosure`)).json()) as Record<string, unknown>
    const zh = (await (
      await h.call(`${D}/disclosure`, { headers: { "accept-language": "zh-CN" } })
    ).json()) as Record<string, unknown>
    expect(zh["title"]).toBe("需要有效的 API 密钥")
    expect({ ...zh, title: en["title"] }).toEqual(en)
    const missing = (await (
      await h.call("/v1/departments/777/years/2026/disclosure?lang=zh", { key: h.keys.auditor })
    ).json()) as Record<string, unknown>
    expect(missing["title"]).toMatch(HAN)
    expect(missing["type"]).toBe("https://budget-ledger.dev/problems/not-found")
    const noRoute = (await (await h.call("/v1/nowhere?lang=zh", { key: h.keys.auditor })).json()) as Record<
      string,
      unknown
    >
    expect(noRoute["title"]).toBe("未找到")
  })

  it("problem details of the ledger's own errors in Chinese, built from their facts", async () => {
    const missing = (await (
      await h.call("/v1/departments/777/years/2026/disclosure?lang=zh", { key: h.keys.auditor })
    ).json()) as Record<string, unknown>
    expect(missing["detail"]).toBe("部门 777 在 2026 年度没有任何事件记录")
    const missingEn = (await (
      await h.call("/v1/departments/777/years/2026/disclosure", { key: h.keys.auditor })
    ).json()) as Record<string, unknown>
    expect(missingEn["detail"]).toBe("no event has been recorded for department 777 in 2026")
    const conflict = await h.call(`${D}/events?lang=zh`, {
      method: "POST",
      key: h.keys.writer,
      headers: { "content-type": "application/json", "if-match": '"1"', "idempotency-key": "zh-conflict-1" },
      body: JSON.stringify({ events: [newAppropriation("zh-conflict")] }),
    })
    const body = (await conflict.json()) as Record<string, unknown>
    expect(conflict.status, JSON.stringify(body)).toBe(409)
    expect(body["type"]).toBe("https://budget-ledger.dev/problems/version-conflict")
    expect(body["detail"]).toMatch(/^数据流 .*：预期版本 1，实际为版本 \d+；请重新读取后再提交$/)
  })
})
