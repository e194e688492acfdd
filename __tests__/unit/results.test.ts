import { describe, expect, it } from '@jest/globals'
import {
  errorLine,
  isCancellation,
  parseResults,
  stripAnsi,
  stripOutPrefix,
  tableToObjects
} from '../../src/databricks/results.js'

const ESC = String.fromCharCode(27)
const pythonCause = [
  `${ESC}[0;31m---------------------------------------------------------------------------${ESC}[0m`,
  `${ESC}[0;31mZeroDivisionError${ESC}[0m                         Traceback (most recent call last)`,
  `File ${ESC}[0;32m<command-1>:1${ESC}[0m`,
  `${ESC}[0;32m----> 1${ESC}[0m 1/0`,
  '',
  `${ESC}[0;31mZeroDivisionError${ESC}[0m: division by zero`
].join('\n')

describe('errorLine', () => {
  it('cleans an HTML summary from Python', () => {
    expect(
      errorLine("<span class='ansi-red-fg'>ZeroDivisionError</span>: division by zero", pythonCause)
    ).toBe('ZeroDivisionError: division by zero')
  })
  it('decodes entities in the summary', () => {
    expect(errorLine("<span class='ansi-red-fg'>KeyError</span>: &#x27;a &amp; b&#x27;", '')).toBe(
      "KeyError: 'a & b'"
    )
  })
  it('falls back to the last exception line of an ANSI cause', () => {
    expect(errorLine('', pythonCause)).toBe('ZeroDivisionError: division by zero')
  })
  it('skips a ruler summary and reads a JVM cause', () => {
    const cause =
      '---------\nExecutionError\njava.io.FileNotFoundException: /dbfs/x (No such file)\n\tat a.b.C(C.scala:1)'
    expect(errorLine('-----------', cause)).toBe(
      'java.io.FileNotFoundException: /dbfs/x (No such file)'
    )
  })
  it('reads ErrorMessage= from a JVM cause', () => {
    expect(errorLine('', 'StatusCode=400\nErrorMessage=Table not found: x\n')).toBe(
      'Table not found: x'
    )
  })
  it('never returns an empty message', () => {
    expect(errorLine('', '')).toMatch(/failed/)
  })
})

describe('parseResults', () => {
  it('strips the Out[N] prefix of a text result', () => {
    expect(parseResults({ resultType: 'text', data: 'hi\nOut[3]: 42' })).toEqual({
      type: 'text',
      text: 'hi\n42',
      truncated: false
    })
    expect(stripOutPrefix('Out[12]: 5')).toBe('5')
  })
  it('unquotes JSON schema types and keeps rows', () => {
    const r = parseResults({
      resultType: 'table',
      data: [[1, 'a']],
      schema: [
        { name: 'n', type: '"long"', metadata: '{}' },
        { name: 's', type: '"string"', metadata: '{}' }
      ],
      truncated: true,
      isJsonSchema: true
    })
    expect(r).toEqual({
      type: 'table',
      columns: [
        { name: 'n', type: 'long' },
        { name: 's', type: 'string' }
      ],
      rows: [[1, 'a']],
      truncated: true
    })
  })
  it('keeps nested types as JSON text', () => {
    const r = parseResults({
      resultType: 'table',
      data: [],
      schema: [{ name: 'm', type: { type: 'map' } }]
    })
    expect(r.type === 'table' && r.columns[0]?.type).toBe('{"type":"map"}')
  })
  it('parses errors, images and null', () => {
    const e = parseResults({
      resultType: 'error',
      summary: "<span class='ansi-red-fg'>ValueError</span>: bad",
      cause: pythonCause
    })
    expect(e.type === 'error' && e.message).toBe('ValueError: bad')
    expect(e.type === 'error' && e.traceback).toBe(stripAnsi(pythonCause))
    expect(e.type === 'error' && e.traceback.includes(ESC)).toBe(false)
    expect(parseResults({ resultType: 'image', fileName: '/plots/a.png' })).toEqual({
      type: 'image',
      fileNames: ['/plots/a.png']
    })
    expect(parseResults({ resultType: 'images', fileNames: ['a', 'b'] })).toEqual({
      type: 'images',
      fileNames: ['a', 'b']
    })
    expect(parseResults(null)).toEqual({ type: 'none' })
  })
})

describe('isCancellation', () => {
  it('recognises Finished + CommandCancelledException', () => {
    expect(
      isCancellation({
        resultType: 'error',
        summary: 'Cancelled',
        cause: 'com.databricks...CommandCancelledException\n\tat'
      })
    ).toBe(true)
    expect(isCancellation({ resultType: 'error', summary: 'ValueError: x', cause: '' })).toBe(false)
    expect(isCancellation({ resultType: 'text', data: 'CommandCancelledException' })).toBe(false)
  })
})

describe('tableToObjects', () => {
  it('keys rows by column name and fills missing cells with null', () => {
    expect(
      tableToObjects(
        [
          { name: 'a', type: 'long' },
          { name: 'b', type: 'string' }
        ],
        [[1, 'x'], [2]]
      )
    ).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: null }
    ])
  })
})
