/**
 * Problem details in Chinese for officials (`lang=zh`): the store's, the service's and the
 * projections' tagged errors carry their facts as fields, so the Chinese sentence is built from the
 * same fields as the English one — never translated from the English text. An error without an
 * entry here keeps its English detail; `type`, `status` and the issues' paths never change.
 */
import type {
  ExpectedVersion,
  IdempotencyConflict,
  LedgerIntegrity,
  StreamVersionConflict,
} from "@ledger/eventstore"
import type { EmptySelection, NotPublished } from "@ledger/projections"
import type { BatchRejected, PublishRefused, UnknownDepartmentYear } from "@ledger/service"

const expectedZh = (e: ExpectedVersion): string =>
  e._tag === "Exact" ? `版本 ${e.version}` : e._tag === "NoStream" ? "尚无数据流" : "任意版本"

/** Chinese details by error tag. @category formatting */
const DETAIL_ZH: {
  readonly [K in string]?: (e: never) => string
} = {
  BatchRejected: (e: BatchRejected) => `该批事件未写入：共 ${e.issues.length} 处问题，见 issues`,
  PublishRefused: (e: PublishRefused) =>
    `审核发现 ${e.findings.length} 个错误，未公开；如确需公开，请以 force=true 强制公开（将记入公开记录）`,
  StreamVersionConflict: (e: StreamVersionConflict) =>
    `数据流 ${e.streamId}：预期${expectedZh(e.expected)}，实际为版本 ${e.actual}；请重新读取后再提交`,
  IdempotencyConflict: (e: IdempotencyConflict) =>
    `幂等键 ${JSON.stringify(e.key)} 已用于内容不同的请求；未写入任何内容`,
  LedgerIntegrity: (e: LedgerIntegrity) =>
    `数据流 ${e.streamId} 的历史在位置 ${e.position}（版本 ${e.version}）与哈希链不符；未提供也未写入任何内容`,
  UnknownDepartmentYear: (e: UnknownDepartmentYear) =>
    `部门 ${e.department} 在 ${e.year} 年度没有任何事件记录`,
  NotPublished: (e: NotPublished) => `数据流 ${e.streamId} 尚无公开记录（DisclosurePublished）`,
  EmptySelection: (e: EmptySelection) => `按时点 ${e.asOf} 看不到该部门本年度的任何事件`,
}

/** The Chinese detail of a tagged error, when it has one. @category formatting */
export const detailZh = (error: unknown): string | undefined => {
  const tag = (error as { readonly _tag?: unknown } | null)?._tag
  if (typeof tag !== "string" || !Object.hasOwn(DETAIL_ZH, tag)) return undefined
  return (DETAIL_ZH[tag] as (e: unknown) => string)(error)
}
