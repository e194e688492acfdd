import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One comment as the fake stores it. */
export interface FakeComment {
  id: number
  issue: number
  body: string
  user: string
}

/** One request as the fake saw it. */
export interface GitHubCall {
  method: string
  path: string
  authorization: string
}

/**
 * The slice of GitHub's REST API a pull request comment uses (list with pages, create,
 * update issue comments), served on loopback for the bundled action to reach through
 * GITHUB_API_URL. It checks the token, answers 403 as GitHub does to a token without
 * `pull-requests: write`, and records every call.
 */
export class FakeGitHub {
  readonly comments: FakeComment[] = []
  readonly calls: GitHubCall[] = []
  /** When set, writes (POST/PATCH) answer 403 "Resource not accessible by integration". */
  forbidWrites = false
  /** Comments per page, small so tests cross pages. */
  perPageCap = 100
  private nextId = 1000
  private server!: Server
  url = ''

  private constructor(
    readonly owner: string,
    readonly repo: string,
    readonly token: string
  ) {}

  static async start(o: { owner: string; repo: string; token: string }): Promise<FakeGitHub> {
    const g = new FakeGitHub(o.owner, o.repo, o.token)
    g.server = createServer((req, res) => {
      g.handle(req, res).catch(e => send(res, 500, { message: `fake failure: ${String(e)}` }))
    })
    await new Promise<void>(resolve => g.server.listen(0, '127.0.0.1', resolve))
    g.url = `http://127.0.0.1:${(g.server.address() as AddressInfo).port}`
    return g
  }

  stop(): Promise<void> {
    return new Promise(resolve => this.server.close(() => resolve()))
  }

  reset(): void {
    this.comments.length = 0
    this.calls.length = 0
    this.forbidWrites = false
    this.perPageCap = 100
  }

  /** A comment someone else wrote, e.g. to hold the marker text where ours must not look. */
  addComment(issue: number, body: string, user = 'someone'): FakeComment {
    const c = { id: this.nextId++, issue, body, user }
    this.comments.push(c)
    return c
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const authorization = String(req.headers.authorization ?? '')
    this.calls.push({ method: req.method ?? '', path: url.pathname, authorization })
    const body = await readJson(req)
    if (authorization !== `token ${this.token}` && authorization !== `Bearer ${this.token}`)
      return send(res, 401, { message: 'Bad credentials' })
    const base = `/repos/${this.owner}/${this.repo}/issues`
    const list = url.pathname.match(new RegExp(`^${base}/(\\d+)/comments$`))
    const one = url.pathname.match(new RegExp(`^${base}/comments/(\\d+)$`))
    const write = req.method === 'POST' || req.method === 'PATCH'
    if (write && this.forbidWrites)
      return send(res, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        status: '403'
      })
    if (list && req.method === 'GET') return this.list(res, Number(list[1]), url)
    if (list && req.method === 'POST') {
      if (typeof body.body !== 'string') return send(res, 422, { message: 'body is missing' })
      return send(
        res,
        201,
        this.shape(this.addComment(Number(list[1]), body.body, 'github-actions[bot]'))
      )
    }
    if (one && req.method === 'PATCH') {
      const c = this.comments.find(x => x.id === Number(one[1]))
      if (!c) return send(res, 404, { message: 'Not Found' })
      if (typeof body.body !== 'string') return send(res, 422, { message: 'body is missing' })
      c.body = body.body
      return send(res, 200, this.shape(c))
    }
    send(res, 404, { message: 'Not Found' })
  }

  private list(res: ServerResponse, issue: number, url: URL): void {
    const per = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.perPageCap)
    const page = Number(url.searchParams.get('page') ?? 1)
    const all = this.comments.filter(c => c.issue === issue)
    const last = Math.max(1, Math.ceil(all.length / per))
    const headers: Record<string, string> = {}
    if (page < last) {
      const next = new URL(url)
      next.searchParams.set('page', String(page + 1))
      headers.link = `<${next.href}>; rel="next"`
    }
    send(
      res,
      200,
      all.slice((page - 1) * per, page * per).map(c => this.shape(c)),
      headers
    )
  }

  private shape(c: FakeComment): Record<string, unknown> {
    return {
      id: c.id,
      body: c.body,
      user: { login: c.user, type: c.user.endsWith('[bot]') ? 'Bot' : 'User' },
      html_url: `https://github.example/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`
    }
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = ''
  for await (const chunk of req) text += chunk
  if (!text) return {}
  return JSON.parse(text) as Record<string, unknown>
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}
