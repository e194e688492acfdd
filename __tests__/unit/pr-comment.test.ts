import { beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IssueComment, IssueComments } from '../../src/runner/github-comments.js'
import { postStickyComment } from '../../src/runner/pr-comment.js'
import { MemoryLogger } from '../support/fakes.js'

const MARKER = '<!-- databricks-run-command-action:CI/check/run -->'

/** Comments in memory; `fail` makes every write throw what Octokit throws. */
class FakeComments implements IssueComments {
  readonly comments: IssueComment[] = []
  fail?: { status: number; message: string }
  private next = 1
  async list(): Promise<IssueComment[]> {
    return [...this.comments]
  }
  async create(body: string): Promise<IssueComment> {
    this.check()
    const c = { id: this.next++, body, url: `https://gh/c/${this.next}` }
    this.comments.push(c)
    return c
  }
  async update(id: number, body: string): Promise<IssueComment> {
    this.check()
    const c = this.comments.find(x => x.id === id)
    if (!c) throw Object.assign(new Error('Not Found'), { status: 404 })
    c.body = body
    return c
  }
  private check(): void {
    if (this.fail) throw Object.assign(new Error(this.fail.message), { status: this.fail.status })
  }
}

function prEnv(head = 'o/r', event = 'pull_request'): NodeJS.ProcessEnv {
  const path = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json')
  writeFileSync(
    path,
    JSON.stringify({ pull_request: { number: 7, head: { repo: { full_name: head } } } })
  )
  return { GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'o/r' }
}

async function post(
  env: NodeJS.ProcessEnv,
  api: FakeComments,
  body = `${MARKER}\nresult 1`,
  token = 'ghs_x'
): Promise<MemoryLogger> {
  const log = new MemoryLogger()
  await postStickyComment({
    env,
    token,
    marker: MARKER,
    body,
    log,
    connect: async (pr, t) => {
      connected.push({ ...pr, token: t })
      return api
    }
  })
  return log
}

/** What each connect was given: the pull request from the event, and the token. */
let connected: object[] = []
beforeEach(() => {
  connected = []
})

describe('the sticky pull request comment', () => {
  it('creates the comment once, then updates that same one', async () => {
    const api = new FakeComments()
    const env = prEnv()
    const first = await post(env, api)
    expect(first.lines).toEqual([
      'info: Created the comment on pull request #7 in o/r: https://gh/c/2'
    ])
    await post(env, api, `${MARKER}\nresult 2`)
    expect(api.comments).toEqual([{ id: 1, body: `${MARKER}\nresult 2`, url: 'https://gh/c/2' }])
    expect(connected).toEqual([
      { owner: 'o', repo: 'r', number: 7, fork: false, token: 'ghs_x' },
      { owner: 'o', repo: 'r', number: 7, fork: false, token: 'ghs_x' }
    ])
  })

  it('finds its own comment only by the marker at the start, not one quoting it', async () => {
    const api = new FakeComments()
    await api.create(`> ${MARKER}\n> quoted by a reviewer`)
    await api.create('<!-- databricks-run-command-action:CI/check/other -->\nanother step')
    await post(prEnv(), api)
    expect(api.comments).toHaveLength(3)
    expect(api.comments[2]?.body).toBe(`${MARKER}\nresult 1`)
  })

  it('works on pull_request_target too', async () => {
    const api = new FakeComments()
    await post(prEnv('o/r', 'pull_request_target'), api)
    expect(api.comments).toHaveLength(1)
  })

  it('logs a notice and calls nothing on other events', async () => {
    const log = new MemoryLogger()
    let connected = false
    await postStickyComment({
      env: { ...prEnv(), GITHUB_EVENT_NAME: 'push' },
      token: 'ghs_x',
      marker: MARKER,
      body: MARKER,
      log,
      connect: async () => {
        connected = true
        return new FakeComments()
      }
    })
    expect(connected).toBe(false)
    expect(log.lines).toEqual([
      "notice: comment-on-pr is true, but this run was triggered by 'push', not a pull request: no comment was written. Comments are written on pull_request and pull_request_target events."
    ])
  })

  it('warns with the permission fix on a 403 and does not throw', async () => {
    const api = new FakeComments()
    api.fail = { status: 403, message: 'Resource not accessible by integration' }
    const log = await post(prEnv(), api)
    expect(log.lines).toEqual([
      "warning: Could not write the comment on pull request #7 in o/r (HTTP 403): Resource not accessible by integration. Give the job `permissions: pull-requests: write` (a job that sets any permissions gets none it does not name). The step's result is not affected."
    ])
  })

  it('explains the read-only token of a fork on a 403', async () => {
    const api = new FakeComments()
    api.fail = { status: 403, message: 'Resource not accessible by integration' }
    const log = await post(prEnv('fork-owner/r'), api)
    expect(connected).toMatchObject([{ fork: true }])
    expect(log.lines[0]).toMatch(/^warning: .*\(HTTP 403\).*comes from a fork.*read-only token/)
  })

  it('warns when GitHub does not answer in time', async () => {
    const log = new MemoryLogger()
    await postStickyComment({
      env: prEnv(),
      token: 'ghs_x',
      marker: MARKER,
      body: MARKER,
      log,
      timeoutMs: 50,
      connect: async (_pr, _t, signal) => ({
        list: () =>
          new Promise((_, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason as Error))
          ),
        create: async () => ({ id: 1, body: '', url: '' }),
        update: async () => ({ id: 1, body: '', url: '' })
      })
    })
    expect(log.lines).toEqual([
      "warning: Could not write the comment on pull request #7 in o/r: GitHub did not answer within 50 ms. The step's result is not affected."
    ])
  })

  it.each([
    ['an empty token', prEnv(), '', /the github-token input is empty/],
    [
      'no event file',
      { ...prEnv(), GITHUB_EVENT_PATH: '' },
      'ghs_x',
      /GITHUB_EVENT_PATH is not set/
    ],
    [
      'no repository',
      { ...prEnv(), GITHUB_REPOSITORY: '' },
      'ghs_x',
      /GITHUB_REPOSITORY is not set/
    ]
  ])('warns and calls nothing with %s', async (_what, env, token, message) => {
    const api = new FakeComments()
    const log = new MemoryLogger()
    await postStickyComment({
      env,
      token,
      marker: MARKER,
      body: MARKER,
      log,
      connect: async () => api
    })
    expect(log.lines).toHaveLength(1)
    expect(log.lines[0]).toMatch(message)
    expect(api.comments).toEqual([])
  })
})
