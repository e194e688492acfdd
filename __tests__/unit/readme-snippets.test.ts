import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../../harness/runner.js'

/** Every `run:` script in a parsed workflow or snippet, wherever it sits. */
function runScripts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(runScripts)
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, v]) =>
      k === 'run' && typeof v === 'string' ? [v] : runScripts(v)
    )
  return []
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const snippets = [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map(m => m[1] ?? '')
const workflows = readdirSync(join(ROOT, 'examples'))
  .filter(f => /\.ya?ml$/.test(f))
  .map(f => readFileSync(join(ROOT, 'examples', f), 'utf8'))

describe('the documented snippets are not injectable', () => {
  it('finds the scripts it checks', () => {
    expect(snippets.flatMap(s => runScripts(parse(s))).length).toBeGreaterThanOrEqual(3)
  })

  it.each([...snippets, ...workflows].map((text, i) => ({ i, text })))(
    'snippet $i passes every expression to run: through env:',
    ({ text }) => {
      for (const script of runScripts(parse(text))) expect(script).not.toContain('${{')
    }
  )

  it('has a security section that says why', () => {
    expect(readme).toMatch(/## Security[\s\S]*never[\s\S]*env:/i)
  })
})
