/**
 * The action's stdout as a runner's log view shows it: workflow commands (`::group::`, `::notice::`,
 * ...) turned into readable lines, masks and group ends hidden. Chunks arrive in arbitrary pieces, so
 * lines are reassembled before they are read.
 */
export type LineKind = 'group' | 'progress' | 'notice' | 'warning' | 'error' | 'info'

export interface LogLine {
  kind: LineKind
  text: string
}

/** Workflow-command data escaping (%25, %0D, %0A, and %3A/%2C in properties). */
const unescapeData = (s: string): string => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%25/g, '%')

/** One stdout line to what a person should see, or undefined for lines a log view hides. */
export function readLine(line: string): LogLine | undefined {
  const command = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
  if (command) {
    const [, name, props = '', data = ''] = command
    const message = unescapeData(data)
    switch (name) {
      case 'group':
        return { kind: 'group', text: message }
      case 'notice':
      case 'warning':
      case 'error': {
        const title = /(?:^|,)title=([^,]*)/.exec(props)?.[1]
        const t = title ? unescapeData(title) : undefined
        return { kind: name, text: t && !message.includes(t) ? `${t}: ${message}` : message }
      }
      default:
        // add-mask, endgroup, debug, echo...: never shown (a mask's value is a secret).
        return undefined
    }
  }
  if (line.trim() === '') return undefined
  // The report file lives in the job's temporary folder, gone when the job ends; the HTML report keeps it.
  if (/^Report: /.test(line)) return undefined
  if (/^\[[^\]]+\] \d+ of \d+ on target/.test(line)) return { kind: 'progress', text: line }
  return { kind: 'info', text: line }
}

/** Reassembles lines from stdout chunks and hands each readable one to `emit`. */
export function lineReader(emit: (line: LogLine) => void): { push(chunk: string): void; end(): void } {
  let rest = ''
  const flush = (line: string): void => {
    const read = readLine(line.replace(/\r$/, ''))
    if (read) emit(read)
  }
  return {
    push(chunk) {
      const parts = (rest + chunk).split('\n')
      rest = parts.pop() ?? ''
      for (const p of parts) flush(p)
    },
    end() {
      if (rest) flush(rest)
      rest = ''
    }
  }
}
