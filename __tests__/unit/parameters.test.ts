import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  bindParameters,
  pythonPrelude,
  rPrelude,
  scalaPrelude,
  sqlThroughPython
} from '../../src/databricks/parameters.js'
import { INJECTIONS } from '../support/injection.js'

const params = new Map(Object.entries(INJECTIONS))

/** Every string literal in generated code: what lies between a pair of double quotes. */
function literals(code: string): string[] {
  return [...code.matchAll(/"([^"\n]*)"/g)].map(m => m[1] ?? '')
}

function runPython(code: string): string {
  const r = spawnSync('python3', ['-'], { input: code, encoding: 'utf8', maxBuffer: 64 << 20 })
  expect(r.stderr).toBe('')
  return r.stdout
}

describe('parameter preludes', () => {
  it('Python: params holds exactly each value, run by a real python3', () => {
    const out = runPython(
      `${pythonPrelude(params)}\nimport json, sys\nsys.stdout.write(json.dumps(params))`
    )
    expect(JSON.parse(out)).toEqual(INJECTIONS)
  })

  it('no value reaches the code outside base64 or hex literals', () => {
    const sorts: [string, string, RegExp][] = [
      ['python', pythonPrelude(params), /^([A-Za-z0-9+/=]*|json|base64|utf-8)$/],
      ['scala', scalaPrelude(params), /^([A-Za-z0-9+/=]*|[A-Za-z_]\w*)$/],
      ['r', rPrelude(params), /^([0-9a-f]*|UTF-8)$/],
      ['sql', sqlThroughPython(INJECTIONS.sqlDrop ?? ''), /^([A-Za-z0-9+/=]*|base64|utf-8)$/]
    ]
    for (const [language, code, safe] of sorts) {
      for (const lit of literals(code))
        expect({ language, lit: safe.test(lit) }).toEqual({ language, lit: true })
      // Nothing of the values shows outside the literals.
      const outside = code.replace(/"[^"\n]*"/g, '""')
      expect(outside).not.toContain('DROP')
      expect(outside).not.toContain('injected')
    }
  })

  it('Scala and R literals decode back to each value, in order, names kept', () => {
    const scala = scalaPrelude(params)
    const r = rPrelude(params)
    for (const [name, value] of params) {
      const s = new RegExp(
        `"${name}" -> decode\\(Seq\\(\\n([\\s\\S]*?)\\n  \\)\\.mkString\\)`
      ).exec(scala)
      expect(s).not.toBeNull()
      const b64 = literals(s?.[1] ?? '').join('')
      expect(Buffer.from(b64, 'base64').toString('utf8')).toBe(value)
      const h = new RegExp(`\`${name}\` = \\.decode\\(c\\(\\n([\\s\\S]*?)\\n  \\)\\)`).exec(r)
      expect(h).not.toBeNull()
      expect(Buffer.from(literals(h?.[1] ?? '').join(''), 'hex').toString('utf8')).toBe(value)
    }
  })

  it('keeps every literal short enough for the JVM and R parsers', () => {
    for (const code of [pythonPrelude(params), scalaPrelude(params), rPrelude(params)])
      for (const lit of literals(code)) expect(lit.length).toBeLessThanOrEqual(1000)
  })

  it('defines an empty params when the mapping is empty', () => {
    const none = new Map<string, string>()
    expect(runPython(`${pythonPrelude(none)}\nprint(params)`)).toBe('{}\n')
    expect(scalaPrelude(none)).toContain('Map.empty[String, String]')
    expect(rPrelude(none)).toContain('  list()')
  })
})

describe('bindParameters', () => {
  const inline = { kind: 'inline' as const, code: 'SELECT :name AS n' }

  it('leaves the command alone without parameters', () => {
    expect(bindParameters('sql', inline, undefined)).toEqual({
      contextLanguage: 'sql',
      command: { language: 'sql', source: inline }
    })
  })

  it('runs SQL through spark.sql(query, args=params) in a Python context', () => {
    const bound = bindParameters('sql', inline, new Map([['name', 'x']]))
    expect(bound.contextLanguage).toBe('python')
    expect(bound.prelude?.language).toBe('python')
    expect(bound.command.language).toBe('python')
    const code = bound.command.source.kind === 'inline' ? bound.command.source.code : ''
    expect(code).toMatch(/^display\(spark\.sql\(/m)
    expect(code).toContain(', args=params))')
    expect(code).toContain(Buffer.from(inline.code).toString('base64'))
  })

  it('reads a SQL file as the query', () => {
    const file = { kind: 'file' as const, name: 'q.sql', bytes: Buffer.from('SELECT :a') }
    const bound = bindParameters('sql', file, new Map([['a', '1']]))
    const code = bound.command.source.kind === 'inline' ? bound.command.source.code : ''
    expect(code).toContain(Buffer.from('SELECT :a').toString('base64'))
  })

  it('runs the prelude in the language of the command for Python, Scala and R', () => {
    for (const language of ['python', 'scala', 'r'] as const) {
      const bound = bindParameters(language, inline, new Map([['a', '1']]))
      expect(bound.contextLanguage).toBe(language)
      expect(bound.prelude?.language).toBe(language)
      expect(bound.command).toEqual({ language, source: inline })
    }
  })
})
