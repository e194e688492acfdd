import { describe, expect, it } from '@jest/globals'
import { buildOutputs, resultText } from '../../src/runner/outputs.js'
import { buildSummary, SUMMARY_LIMIT_BYTES } from '../../src/runner/summary.js'
import { parseResults, type CommandResult } from '../../src/databricks/results.js'

const table = (rows: number, width = 10): CommandResult => ({
  type: 'table',
  columns: [
    { name: 'id', type: 'long' },
    { name: 'text', type: 'string' }
  ],
  rows: Array.from({ length: rows }, (_, i) => [i, 'x'.repeat(width)]),
  truncated: false
})
const outcome = (result: CommandResult) => ({
  contextId: '1234567890123456789',
  commandId: 'abc',
  status: 'Finished' as const,
  result
})

describe('outputs', () => {
  it('renders a table as JSON objects keyed by column', () => {
    const o = buildOutputs(outcome(table(2)))
    expect(JSON.parse(o.result)).toEqual([
      { id: 0, text: 'xxxxxxxxxx' },
      { id: 1, text: 'xxxxxxxxxx' }
    ])
    expect(o).toMatchObject({
      status: 'Finished',
      'result-type': 'table',
      truncated: 'false',
      'context-id': '1234567890123456789',
      'command-id': 'abc'
    })
  })

  it('drops whole rows to fit, so the JSON still parses, and says it was truncated', () => {
    const o = buildOutputs(outcome(table(50_000, 20)), 64 * 1024)
    expect(Buffer.byteLength(o.result)).toBeLessThanOrEqual(64 * 1024)
    const rows = JSON.parse(o.result) as unknown[]
    expect(rows.length).toBeGreaterThan(1000)
    expect(rows.length).toBeLessThan(50_000)
    expect(o.truncated).toBe('true')
  })

  it('cuts text at a character boundary', () => {
    const { text, cut } = resultText({ type: 'text', text: 'é'.repeat(1000) }, 101)
    expect(cut).toBe(true)
    expect(text).toBe('é'.repeat(50))
  })

  it('says truncated when the service cut the text (either warning)', () => {
    for (const data of [
      'a\n*** WARNING: max output size exceeded, skipping output. ***',
      'head\n*** WARNING: skipped 70000 bytes of output ***\n\ntail'
    ])
      expect(buildOutputs(outcome(parseResults({ resultType: 'text', data }))).truncated).toBe(
        'true'
      )
    expect(buildOutputs(outcome({ type: 'text', text: 'a' })).truncated).toBe('false')
  })

  it('passes on the service truncated flag', () => {
    expect(buildOutputs(outcome({ ...table(1), truncated: true } as CommandResult)).truncated).toBe(
      'true'
    )
  })
})

describe('summary', () => {
  const head = {
    clusterId: 'c-1',
    language: 'python',
    source: 'inline command',
    status: 'Finished' as const,
    durationMs: 1200
  }

  it('escapes everything that came from the command', () => {
    const html = buildSummary({
      ...head,
      result: { type: 'text', text: '<script>alert(1)</script> | `x` & y' }
    })
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &#124; `x` &amp; y')
    expect(html).not.toContain('<script>')
    const t = buildSummary({
      ...head,
      result: {
        type: 'table',
        columns: [{ name: '<b>', type: 'string' }],
        rows: [['<img src=x>']],
        truncated: true
      }
    })
    expect(t).toContain('&lt;b&gt;')
    expect(t).toContain('&lt;img src=x&gt;')
    expect(t).toContain('Databricks truncated the result')
  })

  it('shows an error with its traceback', () => {
    const html = buildSummary({
      ...head,
      result: {
        type: 'error',
        message: 'ZeroDivisionError: division by zero',
        traceback: 'Traceback\n----> 1 1/0'
      }
    })
    expect(html).toContain('<strong>ZeroDivisionError: division by zero</strong>')
    expect(html).toContain('----&gt; 1 1/0')
  })

  it('stays under 1 MiB for a huge text and says it was cut', () => {
    const html = buildSummary({ ...head, result: { type: 'text', text: '<'.repeat(3_000_000) } })
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(html).toMatch(
      /The output was cut to \d+ of 3000000 bytes to fit GitHub's 1 MiB summary limit/
    )
  })

  it('stays under 1 MiB for a wide table and caps rows', () => {
    const html = buildSummary({ ...head, result: table(400, 5000) })
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(html).toMatch(/400 rows; showing the first \d+ here/)
    const many = buildSummary({ ...head, result: table(2000) })
    expect(many).toContain('2000 rows; showing the first 500 here')
  })

  it('reports a failure before any result', () => {
    const html = buildSummary({
      ...head,
      status: 'Timed out',
      failure: 'The command timed out after 5s'
    })
    expect(html).toContain('⏱️ Databricks command: Timed out')
    expect(html).toContain('The command timed out after 5s')
  })
})
