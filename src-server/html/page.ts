// Server-rendered pages (the OIDC login and consent pages, the social sign-in stand-in) in the dashboard's look:
// its colours, card, buttons and inputs, inline (no CDN, no script), dark or light as the system prefers.
// Every interpolated value goes through `escapeHtml`.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const STYLE = `
:root { color-scheme: dark; --bg: #0f1115; --panel: #171a21; --panel-2: #1e222b; --border: #2a2f3a; --text: #e6e8ee; --muted: #9aa3b2;
  --accent: #4f8cff; --ok: #2fbf71; --bad: #ef5350; --warn: #f5a623; --error-bg: #3a1515; --error-text: #ffb4b2;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; font-size: 14px; color: var(--text); background: var(--bg); }
@media (prefers-color-scheme: light) { :root { color-scheme: light; --bg: #ffffff; --panel: #f5f6f8; --panel-2: #e9ecf1; --border: #d3d8e0;
  --text: #1b2230; --muted: #5b6474; --accent: #2563eb; --ok: #15803d; --bad: #c62828; --warn: #b45309; --error-bg: #fdecec; --error-text: #8a1c1c; } }
* { box-sizing: border-box; }
body { margin: 0; }
main { margin: 8vh auto; max-width: 460px; padding: 0 16px; }
main.wide { max-width: 640px; }
.brand { font-weight: 700; font-size: 16px; display: flex; align-items: center; gap: 8px; margin-bottom: 14px; }
.brand-mark { color: var(--accent); }
.tag { margin-left: auto; font-size: 12px; font-weight: 600; color: var(--warn); background: rgba(245, 166, 35, 0.15); padding: 2px 8px; border-radius: 10px; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 16px 18px; margin-bottom: 16px; }
h1 { font-size: 18px; margin: 0 0 6px; }
h2 { font-size: 14px; margin: 0 0 10px; }
p { margin: 6px 0 12px; }
.muted { color: var(--muted); }
code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 12.5px; background: var(--panel-2); padding: 1px 5px; border-radius: 4px; }
form { margin: 0; }
.stack { display: flex; flex-direction: column; gap: 10px; }
label { display: flex; flex-direction: column; gap: 4px; color: var(--muted); font-size: 12.5px; }
input { background: var(--bg); color: var(--text); border: 1px solid var(--border); border-radius: 5px; padding: 7px 9px; font: inherit; }
.row { display: flex; gap: 8px; align-items: center; }
.row.end { justify-content: flex-end; }
.btn { background: var(--panel-2); color: var(--text); border: 1px solid var(--border); border-radius: 6px; padding: 7px 14px; cursor: pointer; font: inherit; }
.btn:hover { border-color: var(--accent); }
.btn-primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.choice { width: 100%; display: flex; align-items: center; gap: 10px; text-align: left; }
.choice + .choice, .card > form + form { margin-top: 8px; }
.avatar { width: 28px; height: 28px; border-radius: 50%; background: var(--border); object-fit: cover; flex: none; }
.who { display: flex; flex-direction: column; min-width: 0; }
.who span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.notice { border-radius: 6px; padding: 8px 12px; margin: 0 0 12px; background: var(--error-bg); color: var(--error-text); }
ul.scopes { margin: 6px 0 14px; padding-left: 18px; }
ul.scopes li { margin: 3px 0; }
`;

/** The headers every such page is sent with: never framed, no scripts, nothing leaked to other sites. */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** A whole page: `body` is trusted HTML built with escapeHtml; `tag` marks the page (e.g. "local stand-in"). */
export function renderPage(opts: { title: string; body: string; tag?: string; wide?: boolean }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)} · Trestle</title><style>${STYLE}</style></head>
<body><main${opts.wide ? ' class="wide"' : ''}>
<div class="brand"><span class="brand-mark">⊓</span> Trestle${opts.tag ? `<span class="tag">${escapeHtml(opts.tag)}</span>` : ''}</div>
${opts.body}
</main></body></html>`;
}

/** An error card (already-escaped message). */
export function errorNotice(message: string | undefined): string {
  return message ? `<div class="notice" role="alert" data-testid="page-error">${escapeHtml(message)}</div>` : '';
}
