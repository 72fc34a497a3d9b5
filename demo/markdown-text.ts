import { stripVTControlCharacters, styleText } from 'node:util'

/**
 * The job summary (GitHub-flavoured Markdown, as the action writes it) rendered for a terminal:
 * headings underlined, tables as aligned columns without pipes, escapes and entities undone, status
 * emoji replaced by one-column marks so the columns line up in any terminal. Covers what job summaries
 * use: headings, paragraphs, pipe tables, lists, code spans, bold, links and stray HTML tags.
 */
type Style = Parameters<typeof styleText>[0]
export type Paint = (style: Style, text: string) => string
const plain: Paint = (_style, text) => text

// Colours only for a terminal that takes them (NO_COLOR, FORCE_COLOR and TERM count): decided here
// rather than by styleText's `stream` option, which Node 20 does not have.
export const paintFor = (stream: NodeJS.WriteStream = process.stdout): Paint => {
  const colours = stream.isTTY === true && typeof stream.hasColors === 'function' && stream.hasColors()
  return colours ? (style, text) => styleText(style, text) : plain
}

const MARKS: Record<string, string> = { '✅': '✓', '❌': '✗', '⏭': '»', '⏩': '»', '⏸': '‖', '⚠': '!', '⛔': '■', ℹ: 'i' }
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/** Inline Markdown to text: code spans, bold, links, tags, escapes, entities, emoji. */
export function inlineText(md: string, paint: Paint = plain): string {
  return md
    .replace(/<code>([^<]*)<\/code>/g, (_m, code: string) => `\`${code}\``)
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, (_m, text: string, url: string) => `${text} <${url}>`)
    .replace(/`([^`]*)`/g, (_m, code: string) => paint('cyan', code))
    .replace(/\*\*([^*]+)\*\*/g, (_m, text: string) => paint('bold', text))
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(#x?[0-9A-Fa-f]+|[a-z]+);/g, (m, name: string) => {
      if (name.startsWith('#')) return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)))
      return ENTITIES[name] ?? m
    })
    .replace(/\uFE0F/g, '')
    .replace(/[✅❌⏭⏩⏸⚠⛔ℹ]/gu, (c) => MARKS[c] ?? c)
}

/** Columns a string takes in a terminal: ANSI colours none, wide (emoji, CJK) characters two. */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of stripVTControlCharacters(text)) {
    const cp = ch.codePointAt(0)!
    if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x300 && cp <= 0x36f)) continue
    const wide = cp >= 0x1f000 || (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60)
    width += wide ? 2 : 1
  }
  return width
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)))

/** Word-wraps plain text to `width` columns, continuation lines indented by `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/ +/)) {
    if (line && displayWidth(line) + 1 + displayWidth(word) > width) {
      lines.push(line)
      line = indent + word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

/** `| a | b\| c |` → ['a', 'b\| c']: a pipe escaped with a backslash stays inside its cell. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim())
}

function table(rows: string[], width: number, paint: Paint): string[] {
  const [head = '', , ...body] = rows
  const header = cells(head).map((c) => inlineText(c))
  // `| | |` heads a key/value table: no header line to print.
  const headless = header.every((h) => h === '')
  const data = body.map((r) => cells(r).map((c) => inlineText(c, paint)))
  // Columns empty in every row (a Note column with nothing to say) only take space.
  const keep = header.map((_, i) => data.some((r) => (r[i] ?? '') !== ''))
  const cols = header.map((_, i) => i).filter((i) => keep[i])
  const widths = cols.map((i) => Math.max(displayWidth(header[i]!), ...data.map((r) => displayWidth(r[i] ?? ''))))
  const render = (row: string[]): string[] => {
    const fixed = cols
      .slice(0, -1)
      .map((i, k) => pad(row[i] ?? '', widths[k]!))
      .join('  ')
    const lead = `  ${fixed}${cols.length > 1 ? '  ' : ''}`
    const last = row[cols.at(-1)!] ?? ''
    const room = Math.max(20, width - displayWidth(lead))
    const [first = '', ...rest] = wrap(last, room)
    return [`${lead}${first}`.trimEnd(), ...rest.map((r) => `${' '.repeat(displayWidth(lead))}${r}`)]
  }
  const rule = `  ${widths.map((w, k) => '─'.repeat(k === widths.length - 1 ? Math.min(w, Math.max(4, width - 2 - widths.slice(0, -1).reduce((a, b) => a + b + 2, 0))) : w)).join('  ')}`
  if (headless) return data.flatMap(render)
  return [...render(header).map((l) => paint('bold', l)), paint('dim', rule), ...data.flatMap(render)]
}

export function markdownToText(md: string, options: { width?: number; paint?: Paint } = {}): string {
  const width = options.width ?? 100
  const paint = options.paint ?? plain
  const lines = md.replace(/\r\n/g, '\n').split('\n')
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      const text = inlineText(heading[2]!, paint)
      out.push(paint('bold', text), paint('dim', (heading[1]!.length <= 2 ? '═' : '─').repeat(Math.min(width, displayWidth(text)))))
    } else if (line.trimStart().startsWith('|')) {
      const rows: string[] = []
      while (i < lines.length && lines[i]!.trimStart().startsWith('|')) rows.push(lines[i++]!)
      i--
      out.push(...table(rows, width, paint))
    } else if (/^\s*[-*]\s+/.test(line)) {
      out.push(...wrap(`  • ${inlineText(line.replace(/^\s*[-*]\s+/, ''), paint)}`, width, '    '))
    } else if (line.trim() === '') {
      if (out.length && out.at(-1) !== '') out.push('')
    } else {
      const text = inlineText(line, paint).trim()
      if (text) out.push(...wrap(text, width))
    }
  }
  while (out.at(-1) === '') out.pop()
  return out.join('\n')
}
