import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, readActionYaml } from '../../harness/runner.js'
import { OUTPUT_NAMES } from '../../src/runner/outputs.js'
import { declaredInputs } from '../../src/runner/raw-inputs.js'

/** ncc's output is byte-identical across rebuilds, so a fresh build must equal the committed dist/. */
describe('dist/', () => {
  it.each(['main', 'post'])(
    '%s bundle is current with src/',
    entry => {
      const out = mkdtempSync(join(tmpdir(), `ncc-${entry}-`))
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
          'build',
          join(ROOT, `src/${entry}.ts`),
          '-o',
          out,
          '--license',
          '[name].licenses.txt'
        ],
        { cwd: ROOT, stdio: 'ignore' }
      )
      const committed = join(ROOT, 'dist', entry)
      expect(readdirSync(out).sort()).toEqual(readdirSync(committed).sort())
      for (const file of readdirSync(out)) {
        const fresh = readFileSync(join(out, file), 'utf8')
        const current = readFileSync(join(committed, file), 'utf8')
        // A plain equality would print a megabyte; say which file and suggest the fix.
        expect({ file, stale: fresh !== current, fix: 'npm run build' }).toEqual({
          file,
          stale: false,
          fix: 'npm run build'
        })
      }
    },
    120_000
  )

  it('action.yml points at the bundles and runs on node24', () => {
    const action = readActionYaml()
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/main/index.js',
      post: 'dist/post/index.js'
    })
    expect(JSON.parse(readFileSync(join(ROOT, 'dist/main/package.json'), 'utf8'))).toEqual({
      type: 'module'
    })
  })

  it('declares exactly the inputs the code reads, with the defaults the code falls back to', () => {
    const declared = readActionYaml().inputs ?? {}
    const fromYaml = Object.entries(declared).map(([name, spec]) => ({
      name,
      default: spec.default === undefined ? undefined : String(spec.default)
    }))
    const fromCode = declaredInputs().map(i => ({ name: i.name, default: i.default }))
    const byName = (a: { name: string }, b: { name: string }): number =>
      a.name.localeCompare(b.name)
    expect(fromYaml.sort(byName)).toEqual(fromCode.sort(byName))
  })

  it('declares exactly the outputs the code writes', () => {
    expect(Object.keys(readActionYaml().outputs ?? {}).sort()).toEqual([...OUTPUT_NAMES].sort())
  })
})
