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
    expect(await refused('a: ~')).toMatch(/a is null/)
    expect(await refused('x: &m {b: 1}\na: *m')).toMatch(/x is a mapping/)
    expect(await refused('a: &m [1]\nb: *m')).toMatch(/a is a list/)
    expect(await refused('42')).toMatch(/got the number 42/)
    expect(await refused('? [a]\n: 1')).toMatch(/a key is a list/)
    expect(await refused('a: &k b\n*k : 1')).toMatch(/a key is an alias/)
    expect(await refused(': 1')).toMatch(/the name "" is not an identifier/)
    expect(await refused('# only a comment')).toMatch(/got null/)
  })

  it('keeps numbers and booleans as the text the user wrote, in YAML and in JSON', async () => {
    expect(
      await parsed(
        'version: 3.10\nzip: 010\nmask: 0x1F\noct: 0o17\nbig: 1e3\nsigned: +12\nflag: True\ninf: .inf\nc: 3.10 # comment\n'
      )
    ).toEqual({
      version: '3.10',
      zip: '010',
      mask: '0x1F',
      oct: '0o17',
      big: '1e3',
      signed: '+12',
      flag: 'True',
      inf: '.inf',
      c: '3.10'
    })
    expect(
      await parsed('{"a": 1.10, "b": 1e3, "c": -0, "d": 1E+3, "e": 0.1000, "t": true}')
    ).toEqual({ a: '1.10', b: '1e3', c: '-0', d: '1E+3', e: '0.1000', t: 'true' })
  })

  it('accepts integers past 2^53 as written: the source text loses no digit', async () => {
    expect(await parsed('{"id": 12345678901234567890}')).toEqual({ id: '12345678901234567890' })
    expect(await parsed('id: -98765432109876543210987654321')).toEqual({
      id: '-98765432109876543210987654321'
    })
  })

  it('reads JSON as it is written (tabs, no spaces, escapes, aliases in YAML)', async () => {
    expect(await parsed('{\n\t"a": "x",\n\t"b": 2\n}')).toEqual({ a: 'x', b: '2' })
    expect(await parsed('{"a":"x","b":2}')).toEqual({ a: 'x', b: '2' })
    expect(await parsed('{"s": "\\ud83c\\udf89 \\/ \\t \\u00e9"}')).toEqual({ s: '🎉 / \t é' })
    expect(await parsed('a: &v 010\nb: *v')).toEqual({ a: '010', b: '010' })
    expect(await parsed('true: 1\nnull: x')).toEqual({ true: '1', null: 'x' })
    const long = 'x'.repeat(100 * 1024)
    expect(await parsed(JSON.stringify({ [`k${'y'.repeat(2000)}`]: long }))).toEqual({
      [`k${'y'.repeat(2000)}`]: long
    })
  })

  it('refuses a name given twice, in JSON and in YAML, naming it', async () => {
    for (const dup of [
      '{"a":"1","a":"2"}',
      '{"a": 1, "b": 2, "a": 1}',
      'a: 1\na: 2',
      'a: 1\n"a": 2',
      '{a: 1, a: 2}'
    ])
      expect(await refused(dup)).toMatch(
        /^Invalid input parameters: the name a is given twice; give each name once/
      )
  })

  it('refuses NUL and lone surrogates', async () => {
    expect(await refused('{"z": "a\\u0000b"}')).toMatch(/z holds a NUL/)
    expect(await refused('{"s": "\\ud800"}')).toMatch(/s holds an unpaired UTF-16 surrogate/)
  })

  it('says when the text is neither JSON nor YAML, without quoting it', async () => {
    expect(await refused('{"a": "secret-ish value"')).toMatch(
      /^Invalid input parameters: it is not valid JSON or YAML \([^\n]*line 1[^\n]*\)\. Give a JSON object/
    )
    expect(await refused('{"a": "secret-ish value"')).not.toMatch(/secret-ish/)
    expect(await refused('{"a":1}{"b":2}')).toMatch(/not valid JSON or YAML/)
  })
})
