import { describe, expect, it } from '@jest/globals'
import { LogReader, parseEnvFile } from '../../harness/workflow-commands.js'

describe('LogReader (the harness imitating the runner)', () => {
  it('masks secrets from the line after ::add-mask:: on', () => {
    const r = new LogReader()
    r.line('token is s3cret')
    r.line('::add-mask::s3cret')
    r.line('token is s3cret')
    expect(r.visible).toEqual(['token is s3cret', 'token is ***'])
  })

  it('does not execute commands between stop-commands and its token', () => {
    const r = new LogReader()
    r.line('::stop-commands::tok')
    r.line('::add-mask::hello')
    r.line('::error::not an error')
    r.line('::tok::')
    r.line('::error::real')
    expect(r.masks).toEqual([])
    expect(r.commands.map(c => c.name)).toEqual(['stop-commands', 'error'])
    expect(r.visible).toContain('::error::not an error')
  })

  it('reads commands after leading blanks, and the older ##[name] form anywhere, as the runner does', () => {
    const r = new LogReader()
    r.line('   ::error::indented')
    r.line('text ##[add-mask]legacy-secret')
    r.line('::warning::a ##[error] inside a command is data')
    expect(r.commands.map(c => c.name)).toEqual(['error', 'add-mask', 'warning'])
    expect(r.masks).toEqual(['legacy-secret'])
  })

  it('unescapes command data', () => {
    const r = new LogReader()
    r.line('::error::line one%0Aline two 100%25')
    expect(r.commands[0]?.value).toBe('line one\nline two 100%')
  })
})

describe('parseEnvFile', () => {
  it('reads heredoc blocks and plain lines', () => {
    const text =
      'status<<ghadelimiter_1\nFinished\nghadelimiter_1\nresult<<ghadelimiter_2\na\nb\nghadelimiter_2\nplain=1\n'
    expect(parseEnvFile(text)).toEqual({ status: 'Finished', result: 'a\nb', plain: '1' })
  })
})
