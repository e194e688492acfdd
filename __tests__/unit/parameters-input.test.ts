import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/common/errors.js'
import { parseParameters } from '../../src/runner/parameters-input.js'

const parsed = async (text: string) => Object.fromEntries((await parseParameters(text)) ?? [])

async function refused(text: string): Promise<string> {
  const e = await parseParameters(text).then(
    () => undefined,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(InputError)
  return (e as Error).message
}

describe('parseParameters', () => {
  it('treats an empty input as no parameters', async () => {
    expect(await parseParameters('')).toBeUndefined()
    expect(await parseParameters('  \n ')).toBeUndefined()
  })

  it('reads a JSON object, converting scalars to strings', async () => {
    expect(await parsed('{"a": "x", "n": 42, "f": 1.5, "t": true, "no": false, "_u": ""}')).toEqual(
      { a: 'x', n: '42', f: '1.5', t: 'true', no: 'false', _u: '' }
    )
  })

  it('reads a YAML mapping, and a YAML flow mapping that is not JSON', async () => {
    expect(await parsed('branch: main\ncount: 3\nflag: true\ndate: 2024-01-01\n')).toEqual({
      branch: 'main',
      count: '3',
      flag: 'true',
      date: '2024-01-01'
    })
    expect(await parsed('{a: 1, b: two}')).toEqual({ a: '1', b: 'two' })
    expect(await parsed('title: "it\'s \\"quoted\\"\\nnext line"')).toEqual({
      title: 'it\'s "quoted"\nnext line'
    })
  })

  it('keeps values exactly, whatever they hold', async () => {
    const nasty = `'; DROP TABLE t; --"""\\\n🎉`
    expect(await parsed(JSON.stringify({ v: nasty }))).toEqual({ v: nasty })
    expect(await parsed(`v: ${JSON.stringify(nasty)}`)).toEqual({ v: nasty })
    expect(await parsed('{"__proto__": "p", "constructor": "c"}')).toEqual({
      ['__proto__']: 'p',
      constructor: 'c'
    })
  })

  it('refuses names that are not identifiers', async () => {
    for (const bad of ['{"1a": "x"}', '{"a-b": "x"}', '{"": "x"}', '{"a b": "x"}', '{"é": "x"}'])
      expect(await refused(bad)).toMatch(/is not an identifier/)
    expect(await refused('1: x')).toMatch(/not a name|not an identifier/)
  })

  it('refuses what is not a mapping of scalars, naming the key', async () => {
    expect(await refused('[1, 2]')).toMatch(/expected a mapping of names to values, got a list/)
    expect(await refused('just text')).toMatch(/got a string/)
    expect(await refused('{"a": {"b": 1}}')).toMatch(/a is a mapping; a value must be a string/)
    expect(await refused('a: [1]')).toMatch(/a is a list/)
    expect(await refused('a:\n')).toMatch(/a is null/)
    expect(await refused('{"a": null}')).toMatch(/a is null/)
  })

  it('refuses integers that lost digits, NUL and lone surrogates', async () => {
    expect(await refused('{"id": 12345678901234567890}')).toMatch(
      /id is an integer too large.*Quote it/
    )
    expect(await refused('{"z": "a\\u0000b"}')).toMatch(/z holds a NUL/)
    expect(await refused('{"s": "\\ud800"}')).toMatch(/s holds an unpaired UTF-16 surrogate/)
  })

  it('says when the text is neither JSON nor YAML', async () => {
    expect(await refused('{"a": 1')).toMatch(/neither JSON nor valid YAML/)
    expect(await refused('a: 1\na: 2')).toMatch(/neither JSON nor valid YAML/)
  })
})
