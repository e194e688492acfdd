import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ROOT } from '../../harness/runner.js'

/** Every .ts file under a folder of the repository, as paths relative to the root. */
function sources(folder: string): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (name.endsWith('.ts')) out.push(relative(ROOT, full))
    }
  }
  walk(join(ROOT, folder))
  return out.sort()
}

/** The modules a file imports: static, `export ... from`, `import type` and dynamic ones. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const found = new Set<string>()
  const patterns = [
    /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g
  ]
  for (const p of patterns) for (const m of text.matchAll(p)) if (m[1]) found.add(m[1])
  return [...found]
}

/** A relative specifier as the file it names ('./x.js' is './x.ts' in the sources). */
function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined
  return relative(ROOT, resolve(ROOT, dirname(from), spec.replace(/\.js$/, '.ts')))
}

const CODE = [...sources('src'), ...sources('emulator'), ...sources('harness')]

/** Files of `folder` whose imports break `allowed`, as "file -> import" lines. */
function violations(folder: string, allowed: (spec: string, target?: string) => boolean): string[] {
  return sources(folder).flatMap(file =>
    importsOf(file)
      .filter(spec => !allowed(spec, resolveLocal(file, spec)))
      .map(spec => `${file} -> ${spec}`)
  )
}

/**
 * What each layer of src/ may import besides Node's own modules: folders of the repository,
 * and packages (a name ending in `/` stands for every package under that scope).
 */
const LAYERS: [folder: string, why: string, folders: string[], packages: string[]][] = [
  ['src/common', 'depends on nothing but Node', ['src/common/'], []],
  [
    'src/databricks',
    'is the client: no runner or flow code, no @actions/* but http-client',
    ['src/databricks/', 'src/common/'],
    ['@actions/http-client']
  ],
  [
    'src/runner',
    'speaks to GitHub and may use the client, never the flow',
    ['src/runner/', 'src/databricks/', 'src/common/'],
    // yaml reads the parameters input; undici is loaded on demand (runner/undici-on-demand.ts).
    ['@actions/', 'yaml', 'undici/index.js']
  ],
  [
    'src/flow',
    'reaches GitHub only through src/runner: no @actions/* of its own',
    ['src/flow/', 'src/runner/', 'src/databricks/', 'src/common/'],
    []
  ]
]

/**
 * What only the action may say: its inputs, steps, runner and workflow, and the word action
 * itself (an action to sign in with is the runner layer's advice). The package scope
 * `@actions/` and the product name `...-action` are names, not words, and pass.
 */
const ACTION_WORDS =
  /\binputs?\b|\bsteps?\b|\brunner\b|\bpost step\b|GITHUB_|start-cluster|timeout input|(?<![-@/])\bactions?\b|\bazure\/login\b|\bworkflows?\b/i

describe('layering (docs/architecture.md)', () => {
  it.each(LAYERS)('%s %s', (folder, _why, folders, packages) => {
    expect(
      violations(
        folder,
        (spec, target) =>
          spec.startsWith('node:') ||
          packages.some(p => (p.endsWith('/') ? spec.startsWith(p) : spec === p)) ||
          (target !== undefined && folders.some(f => target.startsWith(f)))
      )
    ).toEqual([])
  })

  it("src/databricks never speaks the action's words (inputs, steps, the runner, actions)", () => {
    const hits = sources('src/databricks').flatMap(file =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .filter(line => ACTION_WORDS.test(line))
        .map(line => `${file}: ${line.trim()}`)
    )
    expect(hits).toEqual([])
  })

  it("the action's words are caught, and a package or product name is not", () => {
    for (const line of [
      'install it, or sign in with the azure/login action first',
      'the action creates a context',
      'other Actions may use it',
      'set the timeout input',
      'the post step destroys it',
      'a workflow that runs it',
      'read GITHUB_OUTPUT'
    ])
      expect({ line, caught: ACTION_WORDS.test(line) }).toEqual({ line, caught: true })
    for (const line of [
      "import { HttpClient } from '@actions/http-client'",
      "const USER_AGENT = 'databricks-run-command-action'",
      '/** The transaction id, an interaction or a reaction */',
      'the call takes its deadline and the cancel signal'
    ])
      expect({ line, caught: ACTION_WORDS.test(line) }).toEqual({ line, caught: false })
  })

  it('the bundled entries only call the flow', () => {
    for (const entry of ['src/main.ts', 'src/post.ts'])
      expect({ entry, imports: importsOf(entry) }).toEqual({
        entry,
        imports: [`./flow/${entry.slice(4)}`.replace(/\.ts$/, '.js')]
      })
  })

  it('the emulator and the harness share only src/common with the action', () => {
    const outside = (folder: string): string[] =>
      violations(
        folder,
        (_spec, target) =>
          target === undefined || !target.startsWith('src/') || target.startsWith('src/common/')
      )
    expect([...outside('emulator'), ...outside('harness')]).toEqual([])
  })

  it('inputs are read, and outputs and state written, in one place each', () => {
    const writers = (call: RegExp): string[] =>
      sources('src').filter(file => call.test(readFileSync(join(ROOT, file), 'utf8')))
    expect(writers(/\bsetOutput\(/)).toEqual(['src/runner/outputs.ts'])
    expect(writers(/\bsaveState\(/)).toEqual(['src/runner/state.ts'])
    expect(writers(/\bsetFailed\(/)).toEqual(['src/runner/log.ts'])
    // Inputs are read through the INPUTS table, which action.yml is checked against. The one
    // exception reads only the host, before @actions/core has loaded, to open the connection
    // early (docs/architecture.md, "Start-up").
    expect(writers(/\bget(Boolean|Multiline)?Input\(|INPUT_/)).toEqual([
      'src/runner/early-connection.ts',
      'src/runner/raw-inputs.ts'
    ])
  })

  it('has no import cycles in src, emulator or harness, type-only imports included', () => {
    const graph = new Map<string, string[]>()
    for (const file of CODE) {
      graph.set(
        file,
        importsOf(file)
          .map(spec => resolveLocal(file, spec))
          .filter((t): t is string => t !== undefined && CODE.includes(t))
      )
    }
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, path: string[]): void => {
      state.set(file, 'open')
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open')
          cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '))
        else if (!state.has(next)) visit(next, [...path, next])
      }
      state.set(file, 'done')
    }
    for (const file of CODE) if (!state.has(file)) visit(file, [file])
    expect(cycles).toEqual([])
  })

  it('the rules above see real imports (a check that finds nothing proves nothing)', () => {
    expect(importsOf('src/flow/run-command.ts')).toEqual(
      expect.arrayContaining(['../databricks/execution.js', '../common/limits.js'])
    )
    expect(importsOf('src/flow/main-step.ts')).toEqual(
      expect.arrayContaining(['../runner/outputs.js', './run-command.js'])
    )
    expect(importsOf('src/flow/main.ts')).toEqual(
      expect.arrayContaining(['../runner/early-connection.js', './main-step.js'])
    )
    expect(importsOf('src/runner/inputs.ts')).toEqual(expect.arrayContaining(['./raw-inputs.js']))
    expect(importsOf('src/runner/raw-inputs.ts')).toEqual(
      expect.arrayContaining(['@actions/core', './auth-settings.js'])
    )
    expect(resolveLocal('src/runner/inputs.ts', './connection.js')).toBe('src/runner/connection.ts')
  })
})
