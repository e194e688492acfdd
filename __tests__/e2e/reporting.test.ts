import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { GitHubRun } from '../../harness/runner.js'
import { stripAnsi } from '../../src/databricks/results.js'
import { call } from '../support/emulator-client.js'
import { Emulator, job, step, target, theError, useEmulator } from '../support/e2e.js'
import { FakeGitHub } from '../support/fake-github.js'
import { elements as tagsOf, readableText as visibleText, renderGfm } from '../support/render.js'

let emu: Emulator
useEmulator(e => (emu = e), {
  checkNothingLeft: true,
  // Room for a 100,000-row table (the service's own caps are 10,000 rows or 2 MB).
  limits: { rowLimit: 200_000, tableBytes: 64 * 1024 * 1024 }
})

const GH_TOKEN = 'ghs_fakeGitHubToken0123456789abcdefXYZ'
let gh: FakeGitHub
beforeAll(async () => {
  gh = await FakeGitHub.start({ owner: 'octo-org', repo: 'octo-repo', token: GH_TOKEN })
})
afterAll(() => gh.stop())
beforeEach(() => gh.reset())

/** The run as the runner describes a pull_request event on PR #12 of octo-org/octo-repo. */
function pr(over: GitHubRun = {}): GitHubRun {
  return {
    eventName: 'pull_request',
    payload: {
      action: 'synchronize',
      number: 12,
      pull_request: { number: 12, head: { repo: { full_name: 'octo-org/octo-repo' } } }
    },
    apiUrl: gh.url,
    token: GH_TOKEN,
    workflow: 'Databricks checks',
    job: 'smoke',
    step: 'run',
    ...over
  }
}

function commented(inputs: Record<string, string>, github: GitHubRun = pr()) {
  return job(emu, { 'comment-on-pr': 'true', ...inputs }, { github })
}

const rendered = (body: string): string => visibleText(renderGfm(body))

describe('the sticky pull request comment, through the bundled action', () => {
  it('creates one comment on the first run and updates that same one on the next', async () => {
    const first = await commented({ command: 'print("run one")' })
    expect(first.main.exitCode).toBe(0)
    expect(gh.comments).toHaveLength(1)
    const id = gh.comments[0]?.id
    expect(first.main.log).toContain(
      `Created the comment on pull request #12 in octo-org/octo-repo: https://github.example/octo-org/octo-repo/pull/12#issuecomment-${id}`
    )
    const text = rendered(gh.comments[0]?.body ?? '')
    expect(text).toContain('✅ Databricks command: Finished')
    expect(text).toContain(`cluster ${emu.clusterId}`)
    expect(text).toContain('Source print("run one") ·')
    expect(text).toContain('run one')
    expect(gh.comments[0]?.body).toContain(
      '<a href="https://github.example/octo-org/octo-repo/actions/runs/4242">workflow run</a>'
    )

    const second = await commented({ command: 'print("run two")' })
    expect(second.main.log).toContain(`Updated the comment on pull request #12`)
    expect(gh.comments.map(c => c.id)).toEqual([id])
    expect(rendered(gh.comments[0]?.body ?? '')).toContain('run two')
    expect(rendered(gh.comments[0]?.body ?? '')).not.toContain('run one')
    expect(gh.calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'GET /repos/octo-org/octo-repo/issues/12/comments',
      'POST /repos/octo-org/octo-repo/issues/12/comments',
      'GET /repos/octo-org/octo-repo/issues/12/comments',
      `PATCH /repos/octo-org/octo-repo/issues/comments/${id}`
    ])
  })

  it('gives a different step its own comment, and finds ours across pages', async () => {
    gh.perPageCap = 2
    for (let i = 0; i < 5; i++) gh.addComment(12, `review comment ${i} @octocat`)
    await commented({ command: '1 + 1' })
    await commented({ command: '2 + 2' }, pr({ step: 'second-check' }))
    await commented({ command: '3 + 3' })
    const ours = gh.comments.filter(c => c.user === 'github-actions[bot]')
    expect(ours).toHaveLength(2)
    expect(rendered(ours[0]?.body ?? '')).toContain('6')
    expect(rendered(ours[1]?.body ?? '')).toContain('4')
    expect(gh.comments).toHaveLength(7)
  })

  it('renders an error with its traceback folded, and output cannot forge markup or mentions', async () => {
    const { main } = await commented({
      command:
        'print("ok\\n\\n# Heading\\n@octo-org/admins ![x](https://evil.example/i.png) </pre>")\nraise ValueError("bad <b>row</b> @octo-org/team")'
    })
    expect(main.exitCode).toBe(1)
    const body = gh.comments[0]?.body ?? ''
    const html = renderGfm(body)
    expect(html).toMatch(/<details><summary>Traceback<\/summary>\s*<pre><code>/)
    expect(visibleText(html)).toContain('ValueError: bad <b>row</b> @octo-org/team')
    expect(html).not.toMatch(/@octo-org/)
    const safe = ['a', 'br', 'code', 'details', 'em', 'h3', 'p', 'pre', 'strong', 'summary']
    expect([...tagsOf(html)].filter(t => !safe.includes(t))).toEqual([])
    expect(html.match(/<a /g)).toHaveLength(1)
  })

  it('warns with the fix on a 403 and the step keeps its own result', async () => {
    gh.forbidWrites = true
    const ok = await commented({ command: '"fine"' })
    expect(ok.main.exitCode).toBe(0)
    expect(ok.main.outputs.result).toBe("'fine'")
    expect(ok.main.warnings).toEqual([
      expect.stringMatching(
        /^Could not write the comment on pull request #12 in octo-org\/octo-repo \(HTTP 403\): Resource not accessible by integration.*Give the job `permissions: pull-requests: write`.*The step's result is not affected\.$/
      )
    ])
    const failing = await commented({ command: 'raise ValueError("own error")' })
    expect(failing.main.exitCode).toBe(1)
    expect(failing.main.errors).toEqual(['ValueError: own error'])
    expect(failing.main.warnings).toHaveLength(1)
    expect(gh.comments).toEqual([])
  })

  it('logs a notice and calls GitHub not at all on other events', async () => {
    const { main } = await commented({ command: '1' }, pr({ eventName: 'push', payload: {} }))
    expect(main.exitCode).toBe(0)
    expect(main.commands.filter(c => c.name === 'notice').map(c => c.value)).toEqual([
      expect.stringMatching(/^comment-on-pr is true, but this run was triggered by 'push'/)
    ])
    expect(gh.calls).toEqual([])
  })

  it('does nothing with GitHub when comment-on-pr is left at false', async () => {
    const { main } = await job(emu, { command: '1' }, { github: pr() })
    expect(main.exitCode).toBe(0)
    expect(gh.calls).toEqual([])
    expect(main.log).not.toMatch(/comment/i)
  })

  it('masks the github-token and never prints it, and sends it only to GitHub', async () => {
    const { main, post } = await commented({ command: 'print("hi")' })
    expect(main.masks).toContain(GH_TOKEN)
    // Only ever in the ::add-mask:: lines that register it, before anything else is printed.
    const lines = (log: string): string[] =>
      log.split('\n').filter(l => l.includes(GH_TOKEN.slice(4)))
    expect(lines(main.rawLog)).toEqual([`::add-mask::${GH_TOKEN}`])
    expect(lines(post.rawLog)).toEqual([])
    expect(JSON.stringify(main.outputs) + main.summary).not.toContain(GH_TOKEN)
    expect(gh.comments[0]?.body).not.toContain(GH_TOKEN)
    expect(new Set(gh.calls.map(c => c.authorization))).toEqual(new Set([`token ${GH_TOKEN}`]))
  })
})

/** Main, then the emulator's own answer for the command, then post. */
async function runAndAsk(inputs: Record<string, string>) {
  const main = await step(emu, { entry: 'main', inputs: target(emu, inputs) })
  const id = (k: string): string => main.outputs[k] ?? ''
  const answer = await call(
    emu,
    'GET',
    `/api/1.2/commands/status?clusterId=${emu.clusterId}&contextId=${id('context-id')}&commandId=${id('command-id')}`
  )
  await step(emu, { entry: 'post', inputs: target(emu, inputs), state: main.state })
  return { main, results: answer.body.results, file: main.outputs['result-file'] ?? '' }
}

describe('the result file, through the bundled action', () => {
  it('holds text exactly as the emulator returned it, beyond what the outputs keep', async () => {
    const { main, results, file } = await runAndAsk({
      command: 'for i in range(20000):\n    print("line", i, "é" * 20)'
    })
    expect(main.outputs.truncated).toBe('true')
    expect(file.startsWith(`${main.runnerTemp}/`)).toBe(true)
    expect(readFileSync(file, 'utf8')).toBe(results.data)
  })

  it('holds a 100,000-row table with its schema, every row, exactly as returned', async () => {
    const { main, results, file } = await runAndAsk({
      language: 'sql',
      command:
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT i, 'row ' || i AS label, i * 1.5 AS x, NULL AS empty FROM n"
    })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      rows: unknown[]
      truncated: boolean
      schema: { name: string }[]
    }
    expect(saved.rows).toHaveLength(100_000)
    expect(saved.rows).toEqual(results.data)
    expect(saved.truncated).toBe(results.truncated)
    expect(saved.schema.map((c: { name: string }) => c.name)).toEqual(
      (results.schema as { name: string }[]).map((c: { name: string }) => c.name)
    )
  })

  it('holds an error with its message and the whole traceback, and is written although the step failed', async () => {
    const { main, results, file } = await runAndAsk({
      command: 'def deep(n):\n    return 1 / 0 if n == 0 else deep(n - 1)\ndeep(300)'
    })
    expect(main.exitCode).toBe(1)
    const text = readFileSync(file, 'utf8')
    // The whole traceback, colour codes removed, however long: the outputs keep only the message.
    expect(text).toBe(`ZeroDivisionError: division by zero\n\n${stripAnsi(results.cause)}\n`)
    expect(text.match(/deep\(n - 1\)/g)?.length).toBeGreaterThanOrEqual(3)
  })

  it('says why the step stopped when no result came back', async () => {
    const { main } = await job(emu, { command: 'import time\ntime.sleep(60)', timeout: '2s' })
    expect(main.exitCode).toBe(1)
    expect(main.outputs.status).toBe('Timed out')
    // On a loaded machine the deadline may pass while the context starts: either message holds.
    expect(readFileSync(main.outputs['result-file'] ?? '', 'utf8')).toBe(
      `Timed out: ${theError(main)}\n`
    )
  })

  it('is not written for a bad input, which stops before any call', async () => {
    const main = await step(emu, { entry: 'main', inputs: { ...target(emu), command: '' } })
    expect(main.exitCode).toBe(1)
    expect(main.outputs['result-file']).toBeUndefined()
  })
})

describe('the job summary, through the bundled action', () => {
  it('links the cluster, times each phase, and folds hostile inline code verbatim', async () => {
    const code =
      'print("fine")\n\n# not a heading\n# ![x](https://evil.example/i.png) @octo-org/team </pre></details>\n1 + 1'
    const { main } = await job(emu, { command: code })
    expect(main.exitCode).toBe(0)
    const html = renderGfm(main.summary)
    const text = visibleText(html)
    expect(html).toContain(
      `<a href="${emu.url}/#setting/clusters/${emu.clusterId}/configuration">${emu.clusterId}</a>`
    )
    expect(text).toMatch(
      /cluster ready in [\d.]+ (ms|s) · execution context ready in [\d.]+ (ms|s) · command ran in [\d.]+ (ms|s)/
    )
    expect(html).toMatch(/<details><summary>Inline python code \(5 lines\)<\/summary>/)
    expect(text).toContain(code)
    const safe = ['a', 'br', 'code', 'details', 'em', 'h3', 'p', 'pre', 'strong', 'sub', 'summary']
    expect(
      [...tagsOf(html)].filter(t => !['table', 'tr', 'th', 'td', ...safe].includes(t))
    ).toEqual([])
    expect(Buffer.byteLength(main.summary)).toBeLessThan(1024 * 1024)
  })

  it('says in words how much came back, whether it is complete, and where the rest is', async () => {
    const { main } = await job(emu, {
      language: 'sql',
      command:
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) SELECT i, printf('%.300c', 'y') AS long FROM n"
    })
    const text = visibleText(renderGfm(main.summary))
    expect(text).toContain('1,500 rows in 2 columns came back, complete.')
    expect(text).toContain(
      'The result output was cut to fit GitHub’s limits; the result file has all of it.'
    )
  })

  it('says in which phase a failed step stopped', async () => {
    const { main } = await job(emu, { command: 'import time\ntime.sleep(60)', timeout: '2s' })
    const text = visibleText(renderGfm(main.summary))
    expect(text).toMatch(
      /stopped while (creating the execution context|running the command), after [\d.]+ m?s/
    )
  })
})
