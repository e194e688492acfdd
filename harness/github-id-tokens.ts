import { randomBytes } from 'node:crypto'
import { sendJson } from '../emulator/http-io.js'
import { SigningKey } from '../emulator/jwt.js'
import type { TlsMaterial } from '../emulator/tls.js'
import { LocalHttps } from './local-https.js'

export interface IdTokenOptions {
  /** The `sub` claim, as GitHub builds it. */
  subject?: string
  /** ID tokens live 5 minutes on GitHub; tests may shorten it. */
  lifetimeSeconds?: number
}

/**
 * GitHub's ID-token service as a job with `permissions: id-token: write` sees it: GET
 * ACTIONS_ID_TOKEN_REQUEST_URL&audience=… with ACTIONS_ID_TOKEN_REQUEST_TOKEN as Bearer answers
 * `{value: <JWT>}`, RS256-signed, `iss` its own URL; its keys at the OIDC discovery path.
 */
export class GitHubIdTokens {
  readonly key = new SigningKey()
  readonly requestToken = `ghrt_${randomBytes(20).toString('hex')}`
  /** Every ID token handed out, with its audience. */
  readonly issued: { token: string; audience: string }[] = []
  subject: string
  lifetimeSeconds: number
  private server!: LocalHttps

  private constructor(o: IdTokenOptions) {
    this.subject = o.subject ?? 'repo:octo-org/octo-repo:ref:refs/heads/main'
    this.lifetimeSeconds = o.lifetimeSeconds ?? 300
  }

  static async start(tls: TlsMaterial, o: IdTokenOptions = {}): Promise<GitHubIdTokens> {
    const g = new GitHubIdTokens(o)
    g.server = await LocalHttps.start(tls, (req, res, url) => {
      if (url.pathname === '/.well-known/openid-configuration')
        return sendJson(res, 200, { issuer: g.issuer, jwks_uri: `${g.issuer}/.well-known/jwks` })
      if (url.pathname === '/.well-known/jwks') return sendJson(res, 200, g.key.jwks())
      if (url.pathname !== '/token') return sendJson(res, 404, { message: 'Not Found' })
      if (req.headers.authorization !== `Bearer ${g.requestToken}`)
        return sendJson(res, 401, { message: 'Bad credentials' })
      const audience = url.searchParams.get('audience') || 'https://github.com/octo-org'
      const now = Math.floor(Date.now() / 1000)
      const token = g.key.sign({
        iss: g.issuer,
        sub: g.subject,
        aud: audience,
        iat: now,
        nbf: now - 5,
        exp: now + g.lifetimeSeconds,
        jti: randomBytes(8).toString('hex'),
        repository: 'octo-org/octo-repo',
        ref: 'refs/heads/main'
      })
      g.issued.push({ token, audience })
      sendJson(res, 200, { count: 1, value: token })
    })
    return g
  }

  /** The `iss` of its tokens: the server's own origin. */
  get issuer(): string {
    return this.server.url
  }

  /** What the runner sets for a job with `id-token: write`. */
  env(): Record<string, string> {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${this.server.url}/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.requestToken
    }
  }

  stop(): Promise<void> {
    return this.server.stop()
  }
}
