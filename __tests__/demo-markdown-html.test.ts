import { describe, expect, it } from '@jest/globals'
import { inline, markdownToHtml } from '../demo/markdown-html.js'

/** The demo report renders the job summary; what the summary escaped stays text, and nothing runs. */
describe('the demo report renders the job summary', () => {
  const rows: Array<[string, string, string]> = [
    ['bold and code', '**live** on `main`', '<strong>live</strong> on <code>main</code>'],
    ['an allowed tag', 'sha <code>abc1234</code>', 'sha <code>abc1234</code>'],
    ['a script tag stays text', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an entity stays, a bare ampersand is escaped', '&lt;b&gt; & co', '&lt;b&gt; &amp; co'],
    ['backslash escapes are text', '\\*\\*not bold\\*\\* \\[x\\](http://e)', '&#42;&#42;not bold&#42;&#42; &#91;x](http://e)'],
    ['an http link', '[run](https://forge.example/run/1)', '<a href="https://forge.example/run/1">run</a>'],
    ['a javascript link stays text', '[x](javascript:alert(1))', '[x](javascript:alert(1))']
  ]
  it.each(rows)('%s', (_label, md, html) => expect(inline(md)).toBe(html))

  it('headings, tables with escaped pipes, lists and paragraphs', () => {
    const md = ['## Done', '', 'one', 'two', '', '| a | b |', '|---|---|', '| x \\| y | `z` |', '', '- first', '- second'].join('\n')
    expect(markdownToHtml(md)).toBe(
      ['<h2>Done</h2>', '<p>one\ntwo</p>', '<table><tr><th>a</th><th>b</th></tr><tr><td>x | y</td><td><code>z</code></td></tr></table>', '<ul><li>first</li><li>second</li></ul>'].join('\n')
    )
  })
})
