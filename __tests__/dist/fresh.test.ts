import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, readActionYaml } from '../../harness/runner.js'

/** ncc's output is byte-identical across rebuilds, so a fresh build must equal the committed dist/. */
describe('dist/', () => {
  it.each(['main', 'post'])('%s bundle is current with src/', entry => {
    const out = mkdtempSync(join(tmpdir(), `ncc-${entry}-`))
    execFileSync(process.execPath, [join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', join(ROOT, `src/${entry}.ts`), '-o', out, '--license', 'licenses.txt'], { cwd: ROOT, stdio: 'ignore' })
    const committed = join(ROOT, 'dist', entry)
    expect(readdirSync(out).sort()).toEqual(readdirSync(committed).sort())
    for (const file of readdirSync(out)) {
      const fresh = readFileSync(join(out, file), 'utf8')
      const current = readFileSync(join(committed, file), 'utf8')
      // A plain equality would print a megabyte; say which file and suggest the fix.
      expect({ file, stale: fresh !== current, fix: 'npm run build' }).toEqual({ file, stale: false, fix: 'npm run build' })
    }
  }, 120_000)

  it('action.yml points at the bundles and runs on node24', () => {
    const action = readActionYaml()
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/main/index.js', post: 'dist/post/index.js' })
    expect(JSON.parse(readFileSync(join(ROOT, 'dist/main/package.json'), 'utf8'))).toEqual({ type: 'module' })
  })

  it('declares every input the code reads and every output it writes', () => {
    const action = readActionYaml()
    expect(Object.keys(action.inputs ?? {}).sort()).toEqual(['auth-type', 'azure-client-id', 'azure-client-secret', 'azure-tenant-id', 'azure-workspace-resource-id', 'client-id', 'client-secret', 'cluster-id', 'cluster-name', 'command', 'context-id', 'fail-on-error', 'file', 'host', 'language', 'parameters', 'password', 'request-timeout', 'start-cluster', 'terminate-cluster', 'timeout', 'token', 'token-audience', 'username'])
    expect(Object.keys(action.outputs ?? {}).sort()).toEqual(['auth-type', 'cluster-id', 'cluster-state', 'command-id', 'context-id', 'image-files', 'result', 'result-type', 'status', 'truncated'])
  })
})
