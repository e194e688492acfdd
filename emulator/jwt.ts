import {
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject
} from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

/** An RS256 signing key with its id, as an OIDC issuer holds it. */
export class SigningKey {
  readonly kid = randomUUID()
  private readonly privateKey: KeyObject
  private readonly publicKey: KeyObject
  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
    this.privateKey = pair.privateKey
    this.publicKey = pair.publicKey
  }

  /** A compact JWS (RS256) of the claims. */
  sign(claims: Record<string, unknown>): string {
    const header = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }))
    const payload = b64(JSON.stringify(claims))
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), this.privateKey)
    return `${header}.${payload}.${signature.toString('base64url')}`
  }

  /** The public half as a JWKS document. */
  jwks(): { keys: JsonWebKey[] } {
    return {
      keys: [
        { ...this.publicKey.export({ format: 'jwk' }), kid: this.kid, alg: 'RS256', use: 'sig' }
      ]
    }
  }
}

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url')
}

export interface DecodedJwt {
  header: Record<string, unknown>
  claims: Record<string, unknown>
  signed: string
  signature: Buffer
}

/** Splits a compact JWS; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >,
      claims: JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >,
      signed: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2] ?? '', 'base64url')
    }
  } catch {
    return undefined
  }
}

/** Checks an RS256 signature against a JWKS; the reason when it does not hold. */
export function checkSignature(jwt: DecodedJwt, jwks: { keys?: JsonWebKey[] }): string | undefined {
  if (jwt.header.alg !== 'RS256') return `unsupported signing algorithm ${String(jwt.header.alg)}`
  const key = (jwks.keys ?? []).find(k => k.kid === jwt.header.kid)
  if (!key) return `no key ${String(jwt.header.kid)} in the issuer's JWKS`
  const ok = verify(
    'sha256',
    Buffer.from(jwt.signed),
    createPublicKey({ key, format: 'jwk' }),
    jwt.signature
  )
  return ok ? undefined : 'signature verification failed'
}

/** The token's audiences, whether `aud` is a string or a list. */
export function audiences(claims: Record<string, unknown>): string[] {
  const aud = claims.aud
  return Array.isArray(aud) ? aud.map(String) : typeof aud === 'string' ? [aud] : []
}

/** GETs JSON over http or https (trusting `ca`, the local servers' certificate). */
export function fetchJson(url: string, ca?: string): Promise<Record<string, unknown>> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', ca, timeout: 5000 }, res => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => {
        if (res.statusCode !== 200)
          return reject(new Error(`${url} answered HTTP ${res.statusCode}`))
        try {
          resolve(JSON.parse(text) as Record<string, unknown>)
        } catch {
          reject(new Error(`${url} answered with something that is not JSON`))
        }
      })
    })
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer`)))
    req.on('error', reject)
    req.end()
  })
}

/**
 * Issuers' signing keys, found as a relying party finds them: the issuer's
 * `/.well-known/openid-configuration` names `jwks_uri`. Fetched on first use, then kept.
 */
export class IssuerKeys {
  private readonly cache = new Map<string, Promise<{ keys?: JsonWebKey[] }>>()
  constructor(private readonly ca?: string) {}

  keys(issuer: string): Promise<{ keys?: JsonWebKey[] }> {
    let p = this.cache.get(issuer)
    if (!p) {
      p = fetchJson(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, this.ca).then(
        doc => fetchJson(String(doc.jwks_uri), this.ca) as Promise<{ keys?: JsonWebKey[] }>
      )
      p.catch(() => this.cache.delete(issuer))
      this.cache.set(issuer, p)
    }
    return p
  }

  /** Verifies a JWT from `issuer`: signature and expiry. The reason when it fails. */
  async check(jwt: DecodedJwt, issuer: string, nowSeconds: number): Promise<string | undefined> {
    let jwks: { keys?: JsonWebKey[] }
    try {
      jwks = await this.keys(issuer)
    } catch (e) {
      return `could not fetch the keys of issuer ${issuer}: ${String(e)}`
    }
    const bad = checkSignature(jwt, jwks)
    if (bad) return bad
    const exp = Number(jwt.claims.exp)
    if (!Number.isFinite(exp) || exp <= nowSeconds) return 'the token is expired'
    const nbf = Number(jwt.claims.nbf ?? 0)
    if (nbf > nowSeconds + 60) return 'the token is not valid yet'
    return undefined
  }
}
