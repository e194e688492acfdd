import { describe, expect, it } from '@jest/globals'
import { buildSummary, SUMMARY_LIMIT_BYTES } from '../../src/runner/summary.js'
import { htmlBlock, htmlText, UnsafeMarkdownError } from '../../src/runner/markdown-safe.js'
import { ExactNumber } from '../../src/common/exact-json.js'
import type { CommandResult } from '../../src/databricks/results.js'
import { elements, renderGfm, visibleText } from '../support/render.js'

const head = {
  clusterId: 'c-1',
  language: 'python',
  source: 'inline command',
  status: 'Finished' as const,
  durationMs: 1200
}
const ESC = String.fromCharCode(27)

/** Markdown that would become headings, lists, emphasis, links and a live image if parsed. */
const HOSTILE = [
  'first line',
  '',
  '# Heading',
  '',
  '![x](https://evil.example/x.png) [link](https://evil.example) https://auto.example',
  '',
  '*it* _u_ **bold** ~~strike~~ `code`',
  '',
  '- item',
  '1. one',
  '> quote',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '    indented code',
  '```',
  'fenced',
  '```',
  '<img src=x onerror=alert(1)> <script>alert(1)</script> </pre></details></table>',
  '',
  '&amp; &#10; \\* @org/team #12',
  '   ',
  'last line'
].join('\n')

/** Only the elements the summary itself writes may appear in the rendered HTML. */
const OURS = new Set([
  'h3',
  'table',
  'tr',
  'th',
  'td',
  'p',
  'em',
  'strong',
  'details',
  'summary',
  'pre',
  'code',
  'br',
  'sub',
  'ul',
  'li'
])

function rendered(result: CommandResult, extra: Partial<typeof head> & { failure?: string } = {}) {
  const md = buildSummary({ ...head, ...extra, result })
  const html = renderGfm(md)
  return { md, html, text: visibleText(html), tags: elements(html) }
}

function expectOnlyOurElements(tags: Set<string>): void {
  expect([...tags].filter(t => !OURS.has(t))).toEqual([])
}

describe('the summary renders verbatim under a CommonMark/GFM renderer', () => {
  it('text output with blank lines and markdown', () => {
    const r = rendered({ type: 'text', text: HOSTILE })
    expect(r.text).toContain(HOSTILE)
    expectOnlyOurElements(r.tags)
    expect(r.html).not.toMatch(/<img|<h1|<a |<script/)
  })

  it('table cells, column names and types', () => {
    const r = rendered({
      type: 'table',
      columns: [
        { name: `col\n\n# not a heading`, type: 'string\n\n- x' },
        { name: 'id', type: 'long' }
      ],
      rows: [
        [HOSTILE, 1],
        ['![x](https://evil.example/y.png)', 2]
      ],
      truncated: false
    })
    expect(r.text).toContain(HOSTILE)
    expect(r.text).toContain('![x](https://evil.example/y.png)')
    expect(r.text).toContain('col\n\n# not a heading')
    expect(r.text).toContain('string\n\n- x')
    expect(r.text).toContain('2 rows.')
    expectOnlyOurElements(r.tags)
  })

  it('error message, traceback and the failure line', () => {
    const r = rendered(
      { type: 'error', message: 'Bad\n\n*thing*', traceback: `Traceback\n\n${HOSTILE}` },
      { status: 'Finished', failure: 'failed:\n\n## heading' }
    )
    expect(r.text).toContain(HOSTILE)
    expect(r.text).toContain('Bad\n\n*thing*')
    expect(r.text).toContain('failed:\n\n## heading')
    expectOnlyOurElements(r.tags)
  })

  it('image names, source label and cluster id', () => {
    const r = rendered(
      { type: 'images', fileNames: ['a\n\n# h.png', '![i](https://evil.example/z.png)'] },
      { source: 'dir/*x*\n\n#y.py' }
    )
    expect(r.text).toContain('a\n\n# h.png')
    expect(r.text).toContain('![i](https://evil.example/z.png)')
    expect(r.text).toContain('dir/*x*\n\n#y.py')
    expectOnlyOurElements(r.tags)
  })

  it('drops terminal colour codes and shows other control characters', () => {
    const r = rendered({ type: 'text', text: `${ESC}[31mred${ESC}[0m and \u0007 bell` })
    expect(r.text).toContain('red and \u2407 bell')
    expect(r.md).not.toContain(ESC)
  })

  it('shows exact numbers with every digit and nested values as JSON', () => {
    const r = rendered({
      type: 'table',
      columns: [
        { name: 'big', type: 'long' },
        { name: 'nested', type: 'struct' }
      ],
      rows: [
        [new ExactNumber('9007199254740993'), [new ExactNumber('0.1000000000000000000001'), null]]
      ],
      truncated: false
    })
    expect(r.text).toContain('9007199254740993')
    expect(r.text).toContain('[0.1000000000000000000001,null]')
  })

  it('names duplicate columns as the result output does', () => {
    const r = rendered({
      type: 'table',
      columns: [
        { name: 'id', type: 'long' },
        { name: 'id', type: 'long' }
      ],
      rows: [[1, 2]],
      truncated: false
    })
    expect(r.text).toContain('id (id_2 in the result output)')
  })
})

describe('the summary says what happened', () => {
  it('an error result says what failed, not just Finished', () => {
    const r = rendered({
      type: 'error',
      message: 'ZeroDivisionError: division by zero',
      traceback: 'tb'
    })
    expect(r.text).toContain('Databricks command failed: ZeroDivisionError: division by zero')
    expect(r.text).toContain('Finished with an error')
  })

  it('an error without traceback has no empty traceback block', () => {
    const r = rendered({ type: 'error', message: 'Failed', traceback: '' })
    expect(r.tags.has('details')).toBe(false)
    expect(r.tags.has('pre')).toBe(false)
  })

  it('1 row, not 1 rows', () => {
    const r = rendered({
      type: 'table',
      columns: [{ name: 'a', type: 'long' }],
      rows: [[1]],
      truncated: false
    })
    expect(r.text).toContain('1 row.')
  })

  it('a single row larger than the summary says so instead of "the first 0 rows"', () => {
    const wide = Array.from({ length: 200 }, (_, i) => ({ name: `c${i}`, type: 'string' }))
    const row = wide.map(() => 'y'.repeat(9000))
    const r = rendered({ type: 'table', columns: wide, rows: [row, row], truncated: false })
    expect(r.text).not.toContain('first 0')
    expect(r.text).toMatch(/the first row alone takes \d+ bytes/)
    expect(Buffer.byteLength(r.md)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
  })
})

describe('the summary stays under GitHub’s 1 MiB in every shape', () => {
  const big = 'x'.repeat(3000)
  const cases: [string, CommandResult, { failure?: string; source?: string }?][] = [
    [
      'huge text of characters that expand when escaped',
      { type: 'text', text: '<&\n'.repeat(1_000_000) }
    ],
    [
      'a huge traceback',
      { type: 'error', message: big.repeat(100), traceback: '\n<'.repeat(900_000) }
    ],
    [
      '3 MB of data-URL image names',
      {
        type: 'images',
        fileNames: Array.from({ length: 1000 }, () => `data:image/png;base64,${'A'.repeat(3000)}`)
      }
    ],
    [
      'one huge image name',
      { type: 'image', fileNames: [`data:image/png;base64,${'A'.repeat(4_000_000)}`] }
    ],
    [
      'a huge single cell',
      {
        type: 'table',
        columns: [{ name: 'c', type: 'string' }],
        rows: [['<'.repeat(3_000_000)]],
        truncated: false
      }
    ],
    [
      'thousands of long column names',
      {
        type: 'table',
        columns: Array.from({ length: 5000 }, (_, i) => ({ name: `${i}${big}`, type: big })),
        rows: [],
        truncated: false
      }
    ],
    [
      'a huge failure and source',
      { type: 'none' },
      { failure: '<'.repeat(2_000_000), source: '&'.repeat(100_000) }
    ]
  ]
  it.each(cases.map(([name, result, extra]) => ({ name, result, extra })))(
    '$name',
    ({ result, extra }) => {
      const md = buildSummary({ ...head, ...extra, result })
      expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
      // Still one HTML block: nothing after it is markdown.
      expectOnlyOurElements(elements(renderGfm(md)))
    }
  )
})

describe('markdown-safe', () => {
  it('puts any text on one source line', () => {
    expect(htmlText('a\r\n\r\nb\rc\n')).toBe('a&#10;&#10;b&#10;c&#10;')
    expect(htmlText(`<a href='x'>|&`)).toBe('&lt;a href=&#39;x&#39;&gt;&#124;&amp;')
  })

  it('refuses a document that would leave the HTML block', () => {
    expect(() => htmlBlock(['<p>a</p>', '', '<p>b</p>'])).not.toThrow()
    expect(() => htmlBlock(['<p>a\n\n</p>'])).toThrow(UnsafeMarkdownError)
    expect(() => htmlBlock(['<p>a\n  \n</p>'])).toThrow(UnsafeMarkdownError)
    expect(() => htmlBlock(['plain *text*'])).toThrow(UnsafeMarkdownError)
  })
})
