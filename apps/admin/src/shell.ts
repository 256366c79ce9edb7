/**
 * The one HTML page of the admin app: the frame (top bar, key dialog, panels) the browser modules
 * fill in. Chinese throughout, because finance officers and auditors read Chinese. The page holds
 * no data: everything comes from the `/v1` API with the key the user enters.
 */

/** The shell page, linking the assets of release `version`. @category rendering */
export const shellHtml = (version: string): string => `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>部门预算公开 · 预算账本管理</title>
<link rel="stylesheet" href="/admin/assets/style.css?v=${version}">
<script type="module" src="/admin/assets/app.js?v=${version}"></script>
</head>
<body>
<header class="topbar no-print">
  <a class="brand" href="#/">预算账本</a>
  <label class="picker">部门 <select id="department" title="部门（按 / 选择）"></select></label>
  <label class="picker">年度 <select id="year"></select></label>
  <nav id="views" aria-label="视图">
    <a data-view="years" href="#">年度概览</a>
    <a data-view="doc" href="#">公开文档</a>
    <a data-view="diff" href="#">对比</a>
    <a data-view="audit" href="#">审计</a>
    <a data-view="write" href="#">追加调整</a>
    <a data-view="reconcile" href="#">对账</a>
    <a data-view="departments" href="#">部门列表</a>
  </nav>
  <span class="who" id="who"></span>
  <button type="button" id="logout" class="link">更换密钥</button>
</header>
<div class="layout">
  <aside id="timeline" class="timeline no-print" aria-label="时间线"></aside>
  <main id="main" tabindex="-1"><p class="muted">正在加载……</p></main>
  <aside id="panel" class="panel no-print" hidden aria-label="数据来源"></aside>
</div>
<dialog id="login" class="no-print">
  <form id="login-form" method="dialog">
    <h2>输入 API 密钥</h2>
    <p class="muted">填报密钥（writer）可追加调整、发布；审计密钥（auditor）可校验链、对账。密钥只保存在本标签页的会话中。</p>
    <label>密钥 <input id="login-key" name="key" autocomplete="off" spellcheck="false" required placeholder="blk_…"></label>
    <p class="error" id="login-error" role="alert"></p>
    <div class="actions"><button type="submit" class="primary">进入</button></div>
  </form>
</dialog>
<div id="toast" class="toast no-print" role="status" aria-live="polite"></div>
<footer class="help no-print">快捷键：<kbd>/</kbd> 选择部门 · <kbd>[</kbd> <kbd>]</kbd> 时间线前后 · <kbd>p</kbd> 按发布版本 · <kbd>n</kbd> 当前 · <kbd>d</kbd> 对比 · <kbd>Esc</kbd> 关闭面板</footer>
</body>
</html>
`
