import { describe, expect, it } from '@jest/globals'
import {
  buildComment,
  commentMarker,
  COMMENT_MAX_CHARS,
  type CommentData
} from '../../src/runner/comment-body.js'
import type { CommandResult } from '../../src/databricks/results.js'
import { elements as tagsOf, readableText as visibleText, renderGfm } from '../support/render.js'

/** Output that tries every way out of its box: markdown, HTML, mentions, links, the marker. */
const HOSTILE = [
  'first line',
  '',
  '# Heading?',
  '* item',
  '![img](https://evil.example/x.png) [click](https://evil.example) https://evil.example/raw',
  '@octo-org/admins and @someone please look',
  '</code></pre></details><img src=x onerror=alert(1)>',
  '<!-- databricks-run-command-action:CI/check/run -->',
  '| a | b |',
  '|---|---|',
  '',
  '    indented code?',
  '**bold** _it_ ~~strike~~ `tick`'
].join('\n')

const base: CommentData = {
  marker: commentMarker('CI', 'check', 'run'),
  status: 'Finished',
  source: 'jobs/check.py',
  clusterId: '0123-456789-abc',
  durationMs: 12_300,
  runUrl: 'https://github.example/o/r/actions/runs/42'
}

const SAFE_TAGS = new Set([
  'h3',
  'p',
  'code',
  'a',
  'table',
  'tr',
  'th',
  'td',
  'pre',
  'details',
  'summary',
  'em',
  'strong',
  'br'
])

function rendered(d: Partial<CommentData>): { html: string; text: string; body: string } {
  const body = buildComment({ ...base, ...d })
  const html = renderGfm(body)
  return { html, text: visibleText(html), body }
}

/** Nothing the output held became an element, a link or a mention. */
function expectContained(html: string): void {
  expect([...tagsOf(html)].filter(t => !SAFE_TAGS.has(t))).toEqual([])
  expect(html.match(/<a /g) ?? []).toHaveLength(1)
  expect(html).not.toMatch(/@(octo-org|someone)/)
}

describe('the pull request comment', () => {
  it('starts with the hidden marker and shows status, source, cluster, duration and the run link', () => {
    const { html, text, body } = rendered({ result: { type: 'text', text: 'hello' } })
    expect(body.startsWith('<!-- databricks-run-command-action:CI/check/run -->\n')).toBe(true)
    expect(text).toContain('✅ Databricks command: Finished')
    expect(text).toContain('Source jobs/check.py · cluster 0123-456789-abc · 12.3 s · workflow run')
    expect(html).toContain('<a href="https://github.example/o/r/actions/runs/42">workflow run</a>')
    expect(text).not.toContain('databricks-run-command-action')
  })

  it('keeps a marker made of hostile names a single HTML comment', () => {
    const marker = commentMarker('CI --> <b>x</b>', 'job', 'step-1')
    expect(marker.slice(4, -3)).not.toMatch(/--|>/)
    expect(visibleText(renderGfm(buildComment({ ...base, marker })))).not.toContain('<b>')
  })

  it('shows hostile text output verbatim, its last 50 lines, with nothing forged', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i}`)
    const text = `${lines.join('\n')}\n${HOSTILE}`
    const r = rendered({ result: { type: 'text', text } })
    expectContained(r.html)
    const shown = text.split('\n').slice(-50).join('\n')
    expect(r.text).toContain(shown)
    expect(r.text).not.toContain('line 22\n')
    expect(r.text).toContain(`The last 50 lines of ${60 + HOSTILE.split('\n').length}`)
  })

  it('shows a table: first 20 rows with the count, long and nested cells readable', () => {
    const result: CommandResult = {
      type: 'table',
      columns: [
        { name: 'id', type: 'long' },
        { name: 'note\n\n# col', type: 'string' },
        { name: 'nested', type: 'struct' }
      ],
      rows: Array.from({ length: 25_000 }, (_, i) => [
        i,
        i === 0 ? HOSTILE.slice(0, 99) : i === 1 ? 'y'.repeat(300) : `n${i}`,
        { a: [i, null], m: { k: 'v' } }
      ]),
      truncated: true
    }
    const r = rendered({ result })
    expectContained(r.html)
    expect(r.html.match(/<tr>/g)).toHaveLength(21)
    expect(r.text).toContain('The first 20 rows of 25,000; Databricks truncated the result')
    expect(r.text).toContain('cells longer than 100 characters are shortened (…)')
    expect(r.text).toContain(`${'y'.repeat(100)}…`)
    expect(r.text).toContain('{"a":[19,null],"m":{"k":"v"}}')
    expect(r.text).toContain('note\n\n# col')
    // A hostile cell reads as the text it holds, line breaks included.
    expect(r.text).toContain(HOSTILE.slice(0, 99))
  })

  it('shows an error message with the whole traceback folded in <details>', () => {
    const traceback = `Traceback (most recent call last):\n${HOSTILE}\nValueError: bad`
    const r = rendered({ result: { type: 'error', message: 'ValueError: bad', traceback } })
    expectContained(r.html)
    expect(r.text).toContain('❌ Databricks command failed with an error')
    expect(r.html).toMatch(/<details><summary>Traceback<\/summary>\s*<pre><code>/)
    expect(r.text).toContain(traceback)
  })

  it('shows why the step failed when no result came back', () => {
    const r = rendered({ status: 'Timed out', failure: 'The command timed out after 2s <b>' })
    expect(r.text).toContain('⏱️ Databricks command: Timed out')
    expect(r.text).toContain('The command timed out after 2s <b>')
  })

  it('shows the first line of inline code as the source, escaped', () => {
    const r = rendered({ source: '<img src=x> @team [a](http://x)', result: { type: 'none' } })
    expectContained(r.html)
    expect(r.text).toContain('Source <img src=x> @team [a](http://x) ·')
  })

  it('stays under GitHub’s comment limit whatever the output holds', () => {
    const huge = Array.from({ length: 50 }, () => '<&>'.repeat(400)).join('\n')
    for (const result of [
      { type: 'text', text: huge },
      { type: 'error', message: 'E', traceback: '<'.repeat(500_000) },
      {
        type: 'table',
        columns: Array.from({ length: 300 }, (_, i) => ({ name: `c${i}`, type: 'string' })),
        rows: Array.from({ length: 20 }, () => Array.from({ length: 300 }, () => '&'.repeat(100))),
        truncated: false
      }
    ] as CommandResult[]) {
      const body = buildComment({ ...base, result })
      expect(body.length).toBeLessThan(COMMENT_MAX_CHARS + 1000)
      expectContained(renderGfm(body))
    }
  })
})
