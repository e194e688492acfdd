import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SIGINT_TO_SIGTERM_MS } from '../../src/common/limits.js'
import type { StepResult } from '../../harness/runner.js'
import { calls, Emulator, expectNothingLeft, job, useEmulator } from '../support/e2e.js'
import { elements, renderGfm, visibleText } from '../support/render.js'

let emu: Emulator
useEmulator(e => {
  emu = e
})

/** Everything a step leaves where people or later steps read it. */
function everything(r: StepResult): string {
  // The log as the runner shows it: a whole secret is masked there, a fragment is not.
  return [r.log, r.summary, JSON.stringify(r.outputs), JSON.stringify(r.state)].join('\n')
}

/** The only workflow commands the action itself issues. */
const OWN = new Set([
  'add-mask',
  'stop-commands',
  'group',
  'endgroup',
  'debug',
  'error',
  'warning',
  'notice'
])

/** No line of service text became a command: only ours, and exactly the errors we raised. */
function expectNoForgedCommands(r: StepResult, errors = r.errors.length): void {
  expect(r.commands.filter(c => !OWN.has(c.name)).map(c => c.name)).toEqual([])
  expect(r.masks.filter(m => /forged|pwned/.test(m))).toEqual([])
  expect(r.errors).toHaveLength(errors)
  expect(r.warnings.filter(w => /forged|pwned/.test(w) && !w.includes('\n'))).toEqual([])
}

/** A canned commands/status answer: the result shapes the real service sends. */
function cannedStatus(results: string): void {
  emu.faults.set({
    rules: [
      {
        path: '/api/1.2/commands/status',
        status: 200,
        times: 'always',
        body: `{"id":"c1","status":"Finished","results":${results}}`
      }
    ]
  })
}

const FORGE = [
  '::error::forged error',
  '::add-mask::pwned',
  '  ::warning::forged indented',
  'x ##[error]forged legacy',
  '::set-output name=result::forged',
  '::stop-commands::pwned'
]

describe('1. service text never becomes a workflow command', () => {
  it('column names and types in the "Table result" line', async () => {
    const name = `a\n${FORGE.join('\n')}`.replace(/"/g, '""')
    const { main } = await job(emu, { language: 'sql', command: `SELECT 1 AS "${name}"` })
    expect(main.exitCode).toBe(0)
    expect(main.log).toContain('::error::forged error')
    expectNoForgedCommands(main, 0)
  })

  it('printed output, an error message and its traceback', async () => {
    const text = FORGE.join('\\n')
    const { main } = await job(emu, {
      command: `print("${text}")\nraise RuntimeError("boom\\n${text}")`
    })
    expect(main.exitCode).toBe(1)
    // One ::error:: line: the message with its newlines escaped by @actions/core.
    expectNoForgedCommands(main, 1)
    expect(main.errors[0]).toMatch(/^RuntimeError: boom/)
    expect(main.log).toContain('::add-mask::pwned')
  })

  it('an HTTP error body and a cluster state message', async () => {
    emu.faults.set({
      rules: [
        {
          path: '/api/2.0/clusters/get',
          status: 503,
          body: { error_code: 'X', message: FORGE.join('\n') }
        },
        {
          path: '/api/1.2/contexts/create',
          status: 400,
          body: { error: `bad\n${FORGE.join('\n')}` }
        }
      ]
    })
    const { main } = await job(emu, { command: '1' })
    expect(main.exitCode).toBe(1)
    expectNoForgedCommands(main, 1)
  })
})

const HOSTILE =
  'top\n\n# Heading\n\n![x](https://evil.example/x.png)\n\n*em* **b**\n\n- item\n\n<img src=x>\n\nend'

describe('2. the job summary renders verbatim', () => {
  it('printed text with blank lines and markdown', async () => {
    const { main } = await job(emu, { command: `print(${JSON.stringify(HOSTILE)})` })
    const html = renderGfm(main.summary)
    expect(visibleText(html)).toContain(HOSTILE)
    expect(elements(html).has('img')).toBe(false)
    expect(elements(html).has('h1')).toBe(false)
  })

  it('table cells and column names', async () => {
    const cell = HOSTILE.replace(/'/g, "''")
    const { main } = await job(emu, {
      language: 'sql',
      command: `SELECT '${cell}' AS "c\n\n# h", '![y](https://evil.example/y.png)' AS img`
    })
    const html = renderGfm(main.summary)
    const text = visibleText(html)
    expect(text).toContain(HOSTILE)
    expect(text).toContain('c\n\n# h')
    expect(text).toContain('![y](https://evil.example/y.png)')
    expect([...elements(html)].filter(t => ['img', 'h1', 'li'].includes(t))).toEqual([])
    // The one link is the summary's own, to the cluster in the workspace; none from the data.
    const links = [...html.matchAll(/<a\b[^>]*href="([^"]*)"/g)].map(m => m[1] ?? '')
    expect(links.filter(href => !href.startsWith(`${emu.url}/`))).toEqual([])
  })

  it('an error result with colour codes says what failed', async () => {
    const { main } = await job(emu, { command: 'raise ValueError("bad\\n\\n# value")' })
    const text = visibleText(renderGfm(main.summary))
    expect(text).toContain('Databricks command failed: ValueError: bad')
    expect(text).toContain('Finished with an error')
    expect(main.summary).not.toContain(String.fromCharCode(27))
  })
})

describe('3. secrets and fragments of them never leak', () => {
  it('a service message that echoes the token past the point where it is cut', async () => {
    // Cut at 500 characters, the old code kept the first 10 of the token.
    const echo = `${'x'.repeat(467)} Authorization: Bearer ${emu.token} rejected`
    emu.faults.set({
      rules: [{ path: '/api/1.2/contexts/create', status: 400, body: { error: echo } }]
    })
    const { main } = await job(emu, { command: '1' })
    expect(main.exitCode).toBe(1)
    const all = everything(main)
    for (let n = 6; n <= emu.token.length; n++) expect(all).not.toContain(emu.token.slice(0, n))
  })

  it('an answer that echoes the token reaches no output, summary or log', async () => {
    cannedStatus(
      JSON.stringify({
        resultType: 'table',
        schema: [{ name: `h ${emu.token}`, type: 'string' }],
        data: [[`Bearer ${emu.token}`], [`{"t":"${emu.token}"}`]]
      })
    )
    const { main } = await job(emu, { command: '1' })
    expect(everything(main)).not.toContain(emu.token)
    expect(JSON.parse(main.outputs.result ?? '')).toEqual([
      { 'h ***': '***' },
      { 'h ***': '{"t":"***"}' }
    ])
  })

  it('a token the service cut in two around its "skipped" marker', async () => {
    const t = emu.token
    const data = `head ${t.slice(0, 10)}\n*** WARNING: skipped 4096 bytes of output ***\n${t.slice(-9)} tail`
    cannedStatus(JSON.stringify({ resultType: 'text', data }))
    const { main } = await job(emu, { command: '1' })
    const all = everything(main)
    expect(all).not.toContain(t.slice(0, 10))
    expect(all).not.toContain(t.slice(-9))
    expect(main.outputs.result).toBe(
      'head ***\n*** WARNING: skipped 4096 bytes of output ***\n*** tail'
    )
  })

  it('an answer that echoes Basic credentials reaches no output, summary or log', async () => {
    const basic = Buffer.from(`${emu.creds.username}:${emu.creds.password}`).toString('base64')
    const data = `basic=${basic} pw=${emu.creds.password} header=Basic ${basic}`
    cannedStatus(
      JSON.stringify({ resultType: 'error', summary: data, cause: `Traceback\n${data}` })
    )
    const { main } = await job(emu, {
      token: '',
      username: emu.creds.username,
      password: emu.creds.password,
      command: '1'
    })
    const all = everything(main)
    for (const s of [basic, emu.creds.password]) expect(all).not.toContain(s)
    expect(main.outputs.result).toBe('basic=*** pw=*** header=***')
  })

  it('credentials in the host URL are refused, with the value redacted', async () => {
    const url = new URL(emu.url)
    const host = `https://robot:s3cret-P%40ss@${url.host}`
    const { main } = await job(emu, { host, command: '1' })
    expect(main.exitCode).toBe(1)
    expect(main.errors[0]).toMatch(
      /^Invalid input host 'https:\/\/\*\*\*@.*': it holds credentials/
    )
    expect(everything(main)).not.toMatch(/s3cret/)
    expect(emu.calls).toEqual([])
  })

  it('DATABRICKS_PASSWORD with a trailing newline is trimmed like the input', async () => {
    const { main } = await job(
      emu,
      { token: '', command: '1' },
      {
        env: {
          DATABRICKS_USERNAME: emu.creds.username,
          DATABRICKS_PASSWORD: `${emu.creds.password}\n`
        }
      }
    )
    expect(main.exitCode).toBe(0)
  })
})

describe('4. every output fits an environment variable; the summary stays under 1 MiB', () => {
  it('data-URL image names', async () => {
    const png = `data:image/png;base64,${'iVBORw0KGgo'.repeat(100_000)}`
    cannedStatus(JSON.stringify({ resultType: 'images', fileNames: [png, png, png] }))
    const { main } = await job(emu, { command: '1' })
    for (const v of Object.values(main.outputs))
      expect(Buffer.byteLength(v)).toBeLessThan(100 * 1024 + 1)
    // The images are saved as files (image-files); no output holds a data URL, so none is cut.
    expect(JSON.stringify(main.outputs)).not.toContain('data:')
    expect(JSON.parse(main.outputs['image-files'] ?? '')).toHaveLength(3)
    expect(Buffer.byteLength(main.summary)).toBeLessThan(1024 * 1024)
  })

  it('a long text output', async () => {
    const { main } = await job(emu, { command: 'print("é" * 200_000)' })
    expect(Buffer.byteLength(main.outputs.result ?? '')).toBeLessThanOrEqual(100 * 1024)
    expect(main.outputs.truncated).toBe('true')
  })
})

describe('5. no data is changed', () => {
  it('duplicate column names, big integers and long decimals', async () => {
    const { main } = await job(emu, {
      language: 'sql',
      command:
        "SELECT 1 AS id, 9007199254740993 AS id, decimal('12345678901234567890.000000000000000000001') AS d, -9223372036854775807 AS id_2"
    })
    expect(main.outputs.result).toBe(
      '[{"id":1,"id_3":9007199254740993,"d":12345678901234567890.000000000000000000001,"id_2":-9223372036854775807}]'
    )
    const text = visibleText(renderGfm(main.summary))
    expect(text).toContain('9007199254740993')
    expect(text).toContain('12345678901234567890.000000000000000000001')
  })

  it('Out[N] is removed from the value line only', async () => {
    const { main } = await job(emu, { command: 'print("Out[1]: printed")\n6 * 7' })
    expect(main.outputs.result).toBe('Out[1]: printed\n42')
  })
})

describe('6. a job cancel during a slow create or execute ends inside the kill window', () => {
  it.each([
    ['contexts/create', /contexts\/create had no answer.*may have created an execution context/],
    ['commands/execute', /commands\/execute had no answer.*post step destroys its context/]
  ])('%s', async (path, said) => {
    emu.faults.set({ rules: [{ path: `/api/1.2/${path}`, latencyMs: 30_000 }] })
    const sent = (): boolean => calls(emu, 'POST', `1.2/${path}`).length > 0
    const { main, post } = await job(
      emu,
      { command: 'import time\ntime.sleep(60)' },
      { cancel: { when: sent } }
    )
    expect(main.signal).toBeNull()
    expect(main.exitCode).toBe(1)
    expect(main.durationMs - (main.cancelledAtMs ?? 0)).toBeLessThan(SIGINT_TO_SIGTERM_MS)
    expect(main.errors[0]).toMatch(said)
    expect(main.outputs.status).toBe('Cancelled')
    if (path === 'contexts/create')
      expect(post.warnings.join('\n')).toMatch(/an execution context may be left on cluster/)
    else expect(post.log).toMatch(/Destroyed execution context/)
    await expectNothingLeft(emu)
  })
})

describe('7. inputs', () => {
  const ws = mkdtempSync(join(tmpdir(), 'ws-trust-'))
  const outside = mkdtempSync(join(tmpdir(), 'outside-'))
  writeFileSync(join(outside, 'secret.py'), 'print("outside")')
  symlinkSync(join(outside, 'secret.py'), join(ws, 'link.py'))
  symlinkSync('/etc', join(ws, 'etc'))

  it.each([
    ['a path out of the workspace', `../${outside.split('/').pop()}/secret.py`],
    ['a symlink to a file outside', 'link.py'],
    ['a path through a symlinked directory', 'etc/hostname'],
    ['an absolute path', join(outside, 'secret.py')]
  ])('%s is refused before any call', async (_name, file) => {
    const { main } = await job(emu, { file }, { workspace: ws })
    expect(main.exitCode).toBe(1)
    expect(main.errors[0]).toMatch(
      /is outside the workspace.*only files inside GITHUB_WORKSPACE or RUNNER_TEMP/
    )
    expect(emu.calls).toEqual([])
    expect(main.outputs).toEqual({ status: 'Failed' })
  })

  it('a file in RUNNER_TEMP is allowed', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'runner-temp-'))
    writeFileSync(join(temp, 'gen.py'), 'print("generated")')
    const { main } = await job(
      emu,
      { file: join(temp, 'gen.py') },
      { workspace: ws, env: { RUNNER_TEMP: temp } }
    )
    expect(main.exitCode).toBe(0)
    expect(main.outputs.result).toMatch(/^generated\n?$/)
  })

  it.each([
    ['timeout', '1000h'],
    ['request-timeout', '2h']
  ])('%s beyond its bound is refused clearly', async (input, value) => {
    const { main } = await job(emu, { command: '1', [input]: value })
    expect(main.errors[0]).toMatch(
      new RegExp(`^Invalid input ${input} '${value}': it must be between`)
    )
    expect(emu.calls).toEqual([])
  })
})

describe('9. what the user sees', () => {
  it('a file with an unknown extension runs as Python, with a notice', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ws-ext-'))
    writeFileSync(join(ws, 'job.txt'), 'print(1)')
    const { main } = await job(emu, { file: 'job.txt' }, { workspace: ws })
    expect(main.exitCode).toBe(0)
    expect(main.commands.filter(c => c.name === 'notice').map(c => c.value)).toEqual([
      expect.stringMatching(
        /^Input file 'job.txt' has no extension that names a language .*running it as python/
      )
    ])
  })

  it('"1 row", and no empty traceback block', async () => {
    const { main } = await job(emu, { language: 'sql', command: 'SELECT 1 AS a' })
    expect(main.log).toContain('Table result: 1 row, columns a')
    expect(visibleText(renderGfm(main.summary))).toContain('1 row.')
  })

  it('the manual clean-up hint uses the credentials of the step (Basic)', async () => {
    emu.faults.set({ rules: [{ path: '/api/1.2/contexts/destroy', status: 503, times: 'always' }] })
    const { post } = await job(emu, {
      token: '',
      username: emu.creds.username,
      password: emu.creds.password,
      command: '1'
    })
    expect(post.warnings.join('\n')).toContain('-u "$DATABRICKS_USERNAME:$DATABRICKS_PASSWORD"')
    expect(post.warnings.join('\n')).not.toContain('Bearer')
    emu.faults.set({})
  })
})
