import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { CommandResult } from '../../src/databricks/results.js'
import { writeResultFile } from '../../src/runner/result-file.js'

const dir = (): string => mkdtempSync(join(tmpdir(), 'runner-temp-'))

describe('the result file', () => {
  it('holds text exactly as printed, whatever its size, in a file of its own', async () => {
    const text = `${'é\u0000\r\n'.repeat(300_000)}no newline at the end`
    const temp = dir()
    const a = await writeResultFile({ type: 'text', text }, temp)
    const b = await writeResultFile({ type: 'text', text: 'other step' }, temp)
    expect(a).not.toBe(b)
    expect(dirname(a)).toBe(join(temp, 'databricks-run-command'))
    expect(a).toMatch(/\.txt$/)
    expect(readFileSync(a, 'utf8')).toBe(text)
    expect(statSync(a).mode & 0o777).toBe(0o600)
  })

  it('holds a table as JSON with schema, every row in order, and truncated', async () => {
    const result: CommandResult = {
      type: 'table',
      columns: [
        { name: 'id', type: 'long' },
        { name: 'id', type: 'string' },
        { name: 's', type: '{"type":"struct"}' }
      ],
      rows: Array.from({ length: 2501 }, (_, i) => [i, `v${i}\n"x"`, { a: [i, null] }]),
      truncated: true
    }
    const path = await writeResultFile(result, dir())
    expect(path).toMatch(/\.json$/)
    const text = readFileSync(path, 'utf8')
    expect(JSON.parse(text)).toEqual({
      schema: result.columns,
      rows: result.rows,
      truncated: true
    })
    // One row per line, so the file reads and greps well.
    expect(text.split('\n')).toHaveLength(2501 + 5)
  })

  it('holds an empty table as valid JSON', async () => {
    const path = await writeResultFile(
      { type: 'table', columns: [], rows: [], truncated: false },
      dir()
    )
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      schema: [],
      rows: [],
      truncated: false
    })
  })

  it('holds an error as its message and the whole traceback', async () => {
    const traceback = Array.from({ length: 5000 }, (_, i) => `  frame ${i}`).join('\n')
    const path = await writeResultFile(
      { type: 'error', message: 'ValueError: bad', traceback },
      dir()
    )
    expect(readFileSync(path, 'utf8')).toBe(`ValueError: bad\n\n${traceback}\n`)
  })

  it('holds why the step failed when no result came back', async () => {
    const path = await writeResultFile(
      { type: 'failure', status: 'Timed out', message: 'The command timed out after 2s.' },
      dir()
    )
    expect(readFileSync(path, 'utf8')).toBe('Timed out: The command timed out after 2s.\n')
  })

  it('redacts known secrets from everything the command returned', async () => {
    const redact = (t: string): string => t.split('dapiSECRET').join('***')
    const temp = dir()
    const text = await writeResultFile({ type: 'text', text: 'token=dapiSECRET' }, temp, redact)
    expect(readFileSync(text, 'utf8')).toBe('token=***')
    const table = await writeResultFile(
      {
        type: 'table',
        columns: [{ name: 'c', type: 'string' }],
        rows: [['dapiSECRET']],
        truncated: false
      },
      temp,
      redact
    )
    expect((JSON.parse(readFileSync(table, 'utf8')) as { rows: unknown }).rows).toEqual([['***']])
  })
})
