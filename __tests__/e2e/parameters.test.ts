import { describe, expect, it } from '@jest/globals'
import { calls, Emulator, job, step, theError, useEmulator, target } from '../support/e2e.js'
import { INJECTIONS } from '../support/injection.js'

let emu: Emulator
useEmulator(e => (emu = e), { checkNothingLeft: true })

/** Everything but the large value: the runner hands inputs over as environment variables. */
const small = Object.fromEntries(Object.entries(INJECTIONS).filter(([name]) => name !== 'big'))

describe('parameters reach the code as data, on the bundled action', () => {
  it('Python sees each injection string exactly, as a dict params', async () => {
    const { main, post } = await job(emu, {
      parameters: JSON.stringify(small),
      command: 'import json\ndbutils.notebook.exit(json.dumps(params, sort_keys=True))'
    })
    expect(main.exitCode).toBe(0)
    expect(JSON.parse(main.outputs.result ?? '')).toEqual(small)
    // One context, the parameters first, then the command.
    expect(calls(emu, 'POST', '1.2/commands/execute')).toHaveLength(2)
    expect(main.log).toMatch(/Defined params \(python\) in execution context \d+/)
    expect(post.exitCode).toBe(0)
  })

  it('Python receives a 100 KiB value intact', async () => {
    const big = `${`${'a'.repeat(1020)}"'\\\n"""`.repeat(100)}🎉`
    expect(big.length).toBeGreaterThan(100 * 1024)
    const { main } = await job(emu, {
      parameters: JSON.stringify({ big }),
      command:
        'import hashlib\ndbutils.notebook.exit(str(len(params["big"])) + " " + hashlib.sha256(params["big"].encode()).hexdigest())'
    })
    const { createHash } = await import('node:crypto')
    expect(main.outputs.result).toBe(
      `${[...big].length} ${createHash('sha256').update(big).digest('hex')}`
    )
  })

  it('reads a YAML mapping (the parser chunk of the bundle loads on demand)', async () => {
    const { main } = await job(emu, {
      parameters: `branch: "feature/x'; rm -rf /"\ncount: 3\nflag: true\ntitle: ${JSON.stringify(INJECTIONS.newlines)}\n`,
      command: 'import json\ndbutils.notebook.exit(json.dumps(params, sort_keys=True))'
    })
    expect(main.exitCode).toBe(0)
    expect(JSON.parse(main.outputs.result ?? '')).toEqual({
      branch: "feature/x'; rm -rf /",
      count: '3',
      flag: 'true',
      title: INJECTIONS.newlines
    })
  })

  it('numbers and booleans reach the code as the text written, in YAML and in JSON (SQL too)', async () => {
    const yaml = await job(emu, {
      parameters:
        'version: 3.10\nzip: 010\nmask: 0x1F\nflag: True\nid: 123456789012345678901234567890\n',
      command: 'import json\ndbutils.notebook.exit(json.dumps(params, sort_keys=True))'
    })
    expect(yaml.main.exitCode).toBe(0)
    expect(JSON.parse(yaml.main.outputs.result ?? '')).toEqual({
      version: '3.10',
      zip: '010',
      mask: '0x1F',
      flag: 'True',
      id: '123456789012345678901234567890'
    })
    emu.reset()
    const json = await job(emu, {
      language: 'sql',
      parameters: '{"a": 1.10, "b": 1e3, "c": -0, "id": 12345678901234567890}',
      command: 'SELECT :a AS a, :b AS b, :c AS c, :id AS id'
    })
    expect(json.main.exitCode).toBe(0)
    expect(JSON.parse(json.main.outputs.result ?? '')).toEqual([
      { a: '1.10', b: '1e3', c: '-0', id: '12345678901234567890' }
    ])
  })

  it('SQL binds :name markers through spark.sql(args=) and still returns a table', async () => {
    const params = {
      drop: INJECTIONS.sqlDrop ?? '',
      comment: INJECTIONS.sqlComment ?? '',
      quotes: INJECTIONS.tripleQuotes ?? '',
      unicode: INJECTIONS.unicode ?? '',
      lines: INJECTIONS.newlines ?? '',
      n: 2
    }
    const { main } = await job(emu, {
      language: 'sql',
      parameters: JSON.stringify(params),
      command:
        'SELECT :drop AS drop_, :comment AS comment, :quotes AS quotes, :unicode AS unicode, :lines AS lines, :n AS n'
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs['result-type']).toBe('table')
    expect(JSON.parse(main.outputs.result ?? '')).toEqual([
      {
        drop_: params.drop,
        comment: params.comment,
        quotes: params.quotes,
        unicode: params.unicode,
        lines: params.lines,
        n: '2'
      }
    ])
    // SQL with parameters runs in a Python context.
    expect(main.log).toMatch(/Defined params \(python\)/)
  })

  it("an injected '; DROP TABLE' is a value: the table survives, in a context shared by three steps", async () => {
    const first = await step(emu, {
      entry: 'main',
      inputs: target(emu, {
        command:
          'spark.sql("CREATE TABLE users (name TEXT)")\nspark.sql("INSERT INTO users VALUES (\'ann\'), (\'bob\')")'
      })
    })
    expect(first.exitCode).toBe(0)
    const contextId = first.outputs['context-id'] ?? ''
    const shared = { 'context-id': contextId }
    const attack = await step(emu, {
      entry: 'main',
      inputs: target(emu, {
        ...shared,
        language: 'sql',
        parameters: JSON.stringify({ who: "ann'; DROP TABLE users; --" }),
        command: 'SELECT count(*) AS n FROM users WHERE name = :who'
      })
    })
    expect(JSON.parse(attack.outputs.result ?? '')).toEqual([{ n: 0 }])
    const after = await step(emu, {
      entry: 'main',
      inputs: target(emu, {
        ...shared,
        language: 'sql',
        parameters: '{"who": "ann"}',
        command: 'SELECT count(*) AS n FROM users WHERE name = :who'
      })
    })
    expect(JSON.parse(after.outputs.result ?? '')).toEqual([{ n: 1 }])
    const post = await step(emu, { entry: 'post', inputs: target(emu), state: first.state })
    expect(post.log).toContain(`Destroyed execution context ${contextId}`)
  })

  it('refuses bad parameters before any API call', async () => {
    for (const [parameters, message] of [
      ['{"not-a-name": 1}', /is not an identifier/],
      ['[1, 2]', /got a list/],
      ['a: {b: 1}', /a is a mapping/],
      ['{"a": "1", "a": "2"}', /^Invalid input parameters: the name a is given twice/],
      ['a: 1\nb: 2\na: 3', /^Invalid input parameters: the name a is given twice/]
    ] as const) {
      emu.reset()
      const { main, post } = await job(emu, { parameters, command: 'print(params)' })
      expect(main.exitCode).toBe(1)
      expect(theError(main)).toMatch(message)
      expect(emu.calls).toHaveLength(0)
      expect(post.log).toContain('Nothing to clean up')
    }
  })
})
