/**
 * The job summary rendered as GitHub renders it, for the demo's HTML report: the subset of GitHub-flavoured
 * Markdown the summary uses (headings, pipe tables, lists, paragraphs, bold, code spans, links, backslash
 * escapes) and the few inline tags it writes (`<code>`, `<br>`, `<sub>`, `<details>`, `<summary>`). Any
 * other `<` is shown as text, and a link goes only to http(s), so the report stays a file with no script.
 */
const ALLOWED_TAG = /^<\/?(code|br|sub|details|summary|strong|em)>/

/** Escapes what is not an allowed tag or an entity, then applies the inline Markdown. */
export function inline(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1]!)) {
      out += escapeChar(text[++i]!)
      continue
    }
    if (ch === '<') {
      const tag = ALLOWED_TAG.exec(text.slice(i))
      if (tag) {
        out += tag[0]
        i += tag[0].length - 1
      } else out += '&lt;'
      continue
    }
    if (ch === '&') {
      out += /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text.slice(i)) ? '&' : '&amp;'
      continue
    }
    out += ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch
  }
  return out
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s()"]+)\)/g, '<a href="$2">$1</a>')
}

const escapeChar = (ch: string): string =>
  ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : ch === '"' ? '&quot;' : ch === '`' ? '&#96;' : ch === '*' ? '&#42;' : ch === '[' ? '&#91;' : ch

/** Cells of a pipe-table row; `\|` inside a cell is a pipe, not a border. */
function cells(row: string): string[] {
  const body = row.trim().replace(/^\|/, '').replace(/\|$/, '')
  const out: string[] = []
  let cell = ''
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') {
      cell += '\\|'
      i++
    } else if (body[i] === '|') {
      out.push(cell)
      cell = ''
    } else cell += body[i]
  }
  out.push(cell)
  return out.map((c) => c.trim())
}

export function markdownToHtml(markdown: string): string {
  // HTML comments (the pull request comment's hidden marker) are not shown, as on GitHub.
  const lines = markdown.replace(/<!--[\s\S]*?-->\n?/g, '').split('\n')
  const html: string[] = []
  for (let i = 0; i < lines.length;) {
    const line = lines[i]!
    const heading = /^(#{1,6}) (.*)$/.exec(line)
    if (heading) {
      html.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`)
      i++
    } else if (line.startsWith('|') && /^\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      const head = cells(line)
      const rows: string[][] = []
      for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(cells(lines[i]!))
      const tr = (cs: string[], tag: string): string => `<tr>${cs.map((c) => `<${tag}>${inline(c)}</${tag}>`).join('')}</tr>`
      html.push(`<table>${head.some((c) => c) ? tr(head, 'th') : ''}${rows.map((r) => tr(r, 'td')).join('')}</table>`)
    } else if (/^[-*] /.test(line)) {
      const items: string[] = []
      for (; i < lines.length && /^[-*] /.test(lines[i]!); i++) items.push(`<li>${inline(lines[i]!.slice(2))}</li>`)
      html.push(`<ul>${items.join('')}</ul>`)
    } else if (line.trim() === '') {
      i++
    } else {
      const para: string[] = []
      for (; i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6} |\||[-*] )/.test(lines[i]!); i++) para.push(inline(lines[i]!))
      html.push(`<p>${para.join('\n')}</p>`)
    }
  }
  return html.join('\n')
}
