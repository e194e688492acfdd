import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { readFile, realpath, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { LogReader } from '../../harness/workflow-commands.js'
import { Secrets } from '../../src/common/secrets.js'
import { apiErrorFrom } from '../../src/databricks/api-error.js'
import { parseHost, registerHostSecrets } from '../../src/runner/connection.js'
import { logUntrusted, printUntrusted, runnerLogger } from '../../src/runner/log.js'
import { resolveSource } from '../../src/runner/source.js'

/** Captures what the process writes to stdout, line by line, and reads it as the runner does. */
function captureLog(): { reader: LogReader; restore(): void } {
  const reader = new LogReader(true)
  const original = process.stdout.write.bind(process.stdout)
  let pending = ''
  process.stdout.write = (chunk: string | Uint8Array) => {
    pending += String(chunk)
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const l of lines) reader.line(l)
    return true
  }
  return { reader, restore: () => (process.stdout.write = original) }
}

const FORGED = [
  'a\n::error::forged',
  '::add-mask::pwned',
  '   ::warning::indented',
  'text ##[error]legacy',
  'cr\r::error::after a carriage return',
  'x\r\n::set-output name=a::b'
]

describe('the untrusted-text path in the log', () => {
  let cap: ReturnType<typeof captureLog>
  beforeEach(() => {
    cap = captureLog()
  })
  afterEach(() => cap.restore())

  it.each(FORGED)('no line of %j becomes a command, whichever way it is printed', text => {
    logUntrusted(text)
    printUntrusted('Title\n::error::in a title', text)
    runnerLogger.info(`Waiting: ${text}`)
    runnerLogger.warning(`warned: ${text}`)
    runnerLogger.debug(`debug: ${text}`)
    // What core.setFailed prints: @actions/core escapes CR, LF and % in the message.
    core.error(`failed: ${text}`)
    const names = cap.reader.commands.map(c => c.name)
    expect(
      names.filter(
        n => !['stop-commands', 'group', 'endgroup', 'warning', 'debug', 'error'].includes(n)
      )
    ).toEqual([])
    expect(cap.reader.masks).toEqual([])
    // The warning and debug commands carry the text whole, as one command each.
    expect(names.filter(n => n === 'warning')).toHaveLength(1)
    expect(cap.reader.commands.find(c => c.name === 'warning')?.value).toBe(`warned: ${text}`)
    expect(cap.reader.commands.filter(c => c.name === 'error').map(c => c.value)).toEqual([
      `failed: ${text}`
    ])
  })

  it('prints plain one-line text as it is', () => {
    logUntrusted('Started command abc')
    expect(cap.reader.visible).toEqual(['Started command abc'])
    expect(cap.reader.commands).toEqual([])
  })
})

describe('Secrets', () => {
  it('redacts a secret in its JSON-escaped and URL-encoded forms, longest first', () => {
    const s = new Secrets()
    s.add('p"a\\ss/wörd')
    s.add('p"a')
    const json = JSON.stringify({ m: 'p"a\\ss/wörd' })
    expect(s.redact(json)).toBe('{"m":"***"}')
    expect(s.redact(`u=${encodeURIComponent('p"a\\ss/wörd')}`)).toBe('u=***')
    expect(s.redact('x p"a\\ss/wörd y')).toBe('x *** y')
  })

  it('redacts every string of a parsed answer, keys included', () => {
    const s = new Secrets()
    s.add('tok-12345')
    expect(
      s.redactDeep({ a: ['tok-12345', 1, null], ['k tok-12345']: { b: 'x tok-12345' } })
    ).toEqual({
      a: ['***', 1, null],
      'k ***': { b: 'x ***' }
    })
  })
})

describe('error bodies: redacted before they are cut', () => {
  const secrets = new Secrets()
  const token = 'dapi0123456789abcdef0123456789abcdef'
  secrets.add(token)
  secrets.add(`Bearer ${token}`)

  it.each([
    ['JSON 1.2', (m: string) => JSON.stringify({ error: m })],
    ['JSON 2.0', (m: string) => JSON.stringify({ error_code: 'X', message: m })],
    ['HTML', (m: string) => `<html><h1>${m}</h1></html>`],
    ['plain', (m: string) => m]
  ])('%s: no fragment of the token survives any cut point', (_shape, wrap) => {
    for (const pad of [480, 490, 495, 499]) {
      const e = apiErrorFrom(400, wrap(`${'x'.repeat(pad)} Bearer ${token}`), undefined, secrets)
      for (let n = 4; n <= token.length; n++) expect(e.message).not.toContain(token.slice(0, n))
    }
  })
})

describe('credentials in the host URL', () => {
  it.each([
    'https://user:pa55-word@adb-1.azuredatabricks.net',
    'user:pa55-word@adb-1.azuredatabricks.net',
    'http://user:pa55-word@adb-1.azuredatabricks.net/?o=1',
    'https://pa55-word@adb-1.azuredatabricks.net'
  ])('%s is refused with the credentials redacted', host => {
    expect(() => parseHost(host)).toThrow(/it holds credentials/)
    try {
      parseHost(host)
    } catch (e) {
      expect(String(e)).not.toContain('pa55-word')
      expect(String(e)).toContain('***@adb-1.azuredatabricks.net')
    }
    const secrets = new Secrets()
    registerHostSecrets([host], secrets)
    expect(secrets.redact(host)).not.toContain('pa55-word')
  })
})

describe('file containment (real file system, symlinks resolved)', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'contain-')))
  const ws = join(root, 'ws')
  const temp = join(root, 'temp')
  const outside = join(root, 'outside')
  for (const d of [ws, temp, outside, join(ws, 'sub')]) mkdirSync(d, { recursive: true })
  writeFileSync(join(ws, 'sub', 'ok.py'), 'print(1)')
  writeFileSync(join(temp, 'gen.py'), 'print(2)')
  writeFileSync(join(outside, 'x.py'), 'print(3)')
  symlinkSync(join(outside, 'x.py'), join(ws, 'link.py'))
  symlinkSync(join(ws, 'sub', 'ok.py'), join(ws, 'inner-link.py'))
  symlinkSync(outside, join(ws, 'dir-link'))
  const fs = { stat, readFile, realpath }

  it.each(['sub/ok.py', 'inner-link.py', './sub/../sub/ok.py', join(temp, 'gen.py')])(
    '%s is read',
    async file => {
      const { source } = await resolveSource(file, ws, fs, temp)
      expect(source.kind).toBe('file')
    }
  )

  it.each(['../outside/x.py', 'link.py', 'dir-link/x.py', join(outside, 'x.py'), '/etc/hostname'])(
    '%s is refused',
    async file => {
      await expect(resolveSource(file, ws, fs, temp)).rejects.toThrow(/is outside the workspace/)
    }
  )
})

describe('fragments of a secret cut by the service', () => {
  const token = 'dapiABCDEF0123456789abcdef01234567'
  const secrets = new Secrets()
  secrets.add(token)
  secrets.add(`Bearer ${token}`)
  const marker = '*** WARNING: skipped 123456 bytes of output ***'

  it.each([
    ['a head at the end of the text', `x Bearer ${token.slice(0, 12)}`, 'x ***'],
    ['a tail at the start of the text', `${token.slice(-10)} y`, '*** y'],
    [
      'a head and a tail around the cut marker',
      `a ${token.slice(0, 9)}\n${marker}\n${token.slice(-11)} b`,
      `a ***\n${marker}\n*** b`
    ],
    ['the whole secret', `[${token}]`, '[***]']
  ])('%s', (_what, text, expected) => {
    expect(secrets.redact(text)).toBe(expected)
  })

  it('leaves short coincidences and ordinary text alone', () => {
    expect(secrets.redact('ends with dapi')).toBe('ends with dapi')
    expect(secrets.redact('plain words, nothing secret')).toBe('plain words, nothing secret')
  })
})
