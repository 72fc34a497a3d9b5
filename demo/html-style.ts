/** The report's stylesheet, inline so the file is self-contained (no fonts, scripts or images to fetch). */
export const STYLE = `
:root { --a: #b45309; --b: #1d4ed8; --ok: #15803d; --bad: #b91c1c; --muted: #6b7280; --line: #e5e7eb; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: #f9fafb; border: 1px solid var(--line); padding: 10px; overflow-x: auto; white-space: pre; }
.muted { color: var(--muted); }
.verdict { border-radius: 6px; padding: 12px 16px; margin: 16px 0; color: #fff; font-weight: 600; font-size: 16px; }
.verdict.ok { background: var(--ok); } .verdict.bad { background: var(--bad); }
ul.checks { list-style: none; padding: 0; } ul.checks li { margin: 4px 0; }
.pass { color: var(--ok); font-weight: 700; } .fail { color: var(--bad); font-weight: 700; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
.jobs { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.job { border: 1px solid var(--line); border-top: 4px solid var(--b); border-radius: 6px; padding: 10px 14px; }
.job.A { border-top-color: var(--a); }
.tag { display: inline-block; border-radius: 4px; padding: 0 6px; color: #fff; font-weight: 600; }
.tag.A { background: var(--a); } .tag.B { background: var(--b); } .tag.base { background: var(--muted); }
.track { position: relative; height: 16px; background: #f3f4f6; border-radius: 3px; min-width: 320px; }
.bar { position: absolute; top: 2px; height: 12px; border-radius: 2px; background: var(--b); min-width: 3px; }
.bar.A { background: var(--a); } .bar.drain { background: repeating-linear-gradient(45deg, #93c5fd, #93c5fd 4px, #bfdbfe 4px, #bfdbfe 8px); }
.bar.failed, .bar.error { background: var(--bad); } .bar.superseded { background: var(--a); }
.dot { position: absolute; top: 1px; width: 3px; height: 14px; background: var(--ok); }
.marker { position: absolute; top: -2px; bottom: -2px; width: 2px; background: var(--a); }
.summary { border: 1px solid var(--line); border-radius: 6px; padding: 2px 16px 10px; margin-top: 6px; } .summary h2 { border: 0; }
details { margin: 8px 0; } summary { cursor: pointer; font-weight: 600; }
dl.outputs { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
dl.outputs dt { font-weight: 600; } dl.outputs dd { margin: 0; word-break: break-all; }
`
