import { describe, expect, it } from '@jest/globals'
import { ExactNumber, parseJsonExact, stringifyJson } from '../../src/common/exact-json.js'
import {
  columnKeys,
  parseResults,
  stripOutPrefix,
  tableToObjects
} from '../../src/databricks/results.js'
import { buildOutputs, MAX_OUTPUT_BYTES, resultText } from '../../src/runner/outputs.js'
import type { CommandResult } from '../../src/databricks/results.js'

describe('exact JSON', () => {
  const cases = [
    '9007199254740993',
    '-9223372036854775808',
    '18446744073709551615',
    '0.12345678901234567890123',
    '1.50',
    '1e3',
    '-0',
    '123456789012345678901234567890.000000000000000001'
  ]
  it.each(cases)('keeps %s digit for digit through parse and stringify', n => {
    const text = `{"data":[[${n},"${n}",[${n}]]],"n":${n}}`
    const parsed = parseJsonExact(text) as { data: unknown[][]; n: unknown }
    expect(parsed.n).toBeInstanceOf(ExactNumber)
    expect(parsed.data[0]?.[1]).toBe(n) // a string stays a string
    expect(stringifyJson(parsed)).toBe(text)
  })

  it('leaves numbers a JS number holds exactly as numbers, and digits inside strings alone', () => {
    const text = '{"a":1,"b":-2.5,"c":9007199254740991,"s":"x 9007199254740993 \\" 1.50","e":[]}'
    expect(parseJsonExact(text)).toEqual(JSON.parse(text))
    expect(stringifyJson(parseJsonExact(text))).toBe(text)
  })

  it('rejects what JSON.parse rejects', () => {
    expect(() => parseJsonExact('{"a":9007199254740993')).toThrow()
    expect(() => parseJsonExact('<html>')).toThrow()
  })
})

describe('duplicate column names', () => {
  const cols = (...names: string[]) => names.map(name => ({ name, type: 'long' }))
  it('keeps every column with a predictable suffix', () => {
    expect(columnKeys(cols('id', 'id', 'name', 'id'))).toEqual(['id', 'id_2', 'name', 'id_3'])
    // A suffix that a real column already has is skipped.
    expect(columnKeys(cols('id', 'id', 'id_2'))).toEqual(['id', 'id_3', 'id_2'])
    expect(columnKeys(cols('a', 'a_2', 'a', 'a'))).toEqual(['a', 'a_2', 'a_3', 'a_4'])
  })

  it('rows keep every value, even under a column named __proto__', () => {
    const rows = tableToObjects(cols('id', 'id', '__proto__'), [[1, 2, 3]])
    expect(JSON.parse(stringifyJson(rows))).toEqual([{ id: 1, id_2: 2, ['__proto__']: 3 }])
    expect(stringifyJson(rows)).toBe('[{"id":1,"id_2":2,"__proto__":3}]')
  })
})

describe('Out[N] prefix', () => {
  it('is removed from the value line the service added (the last), not from printed lines', () => {
    expect(stripOutPrefix('Out[1]: printed by the code\nOut[2]: 42')).toBe(
      'Out[1]: printed by the code\n42'
    )
    expect(stripOutPrefix("Out[3]: 'x'")).toBe("'x'")
    expect(stripOutPrefix('no prefix\nOut[x]: y')).toBe('no prefix\nOut[x]: y')
  })

  it('parseResults strips it from text results', () => {
    expect(parseResults({ resultType: 'text', data: 'Out[7]: fake\nreal\nOut[8]: 1' })).toEqual({
      type: 'text',
      text: 'Out[7]: fake\nreal\n1',
      truncated: false
    })
  })
})

describe('output caps', () => {
  const outcome = (result: CommandResult) => ({
    contextId: 'c',
    commandId: 'x',
    status: 'Finished' as const,
    result
  })

  it('keeps every output under the per-string environment limit', () => {
    expect(MAX_OUTPUT_BYTES).toBeLessThan(128 * 1024 - 64)
    const shapes: CommandResult[] = [
      { type: 'text', text: 'é'.repeat(300_000) },
      { type: 'error', message: 'm'.repeat(300_000), traceback: '' },
      {
        type: 'table',
        columns: [{ name: 'c', type: 'string' }],
        rows: Array.from({ length: 5000 }, () => ['y'.repeat(100)]),
        truncated: false
      }
    ]
    for (const r of shapes) {
      const o = buildOutputs(outcome(r))
      for (const value of Object.values(o))
        expect(Buffer.byteLength(value)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES)
      expect({ type: r.type, truncated: o.truncated }).toEqual({ type: r.type, truncated: 'true' })
    }
  })

  it('never puts a data URL in an output, however many or large the images', () => {
    const images: CommandResult[] = [
      { type: 'image', fileNames: [`data:image/png;base64,${'A'.repeat(3_000_000)}`] },
      {
        type: 'images',
        fileNames: Array.from({ length: 40 }, () => `data:image/png;base64,${'A'.repeat(100_000)}`)
      }
    ]
    for (const r of images) {
      const o = buildOutputs(outcome(r))
      for (const value of Object.values(o)) {
        expect(Buffer.byteLength(value)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES)
        expect(value).not.toContain('data:')
      }
    }
  })

  it('a table keeps exact numbers and whole rows; a row bigger than the cap gives [] and truncated', () => {
    const big: CommandResult = {
      type: 'table',
      columns: [
        { name: 'n', type: 'long' },
        { name: 'n', type: 'decimal(38,20)' }
      ],
      rows: [[new ExactNumber('9007199254740993'), new ExactNumber('1.00000000000000000001')]],
      truncated: false
    }
    expect(resultText(big, 1000).text).toBe('[{"n":9007199254740993,"n_2":1.00000000000000000001}]')
    expect(resultText(big, 20)).toEqual({ text: '[]', cut: true })
  })
})

describe('a key named __proto__ in an answer', () => {
  it('stays data through the exact parse and the redaction', async () => {
    const { Secrets } = await import('../../src/common/secrets.js')
    const secrets = new Secrets()
    secrets.add('tok-123456')
    const parsed = secrets.redactDeep(
      parseJsonExact('{"__proto__":{"x":"tok-123456"},"n":9007199254740993}')
    ) as Record<string, unknown>
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(stringifyJson(parsed)).toBe('{"__proto__":{"x":"***"},"n":9007199254740993}')
  })
})
