/**
 * What the bundles get for `import ... from 'undici'` (tsconfig.json `paths`; ncc follows it).
 * Two packages import undici: @actions/http-client, for a `ProxyAgent` only its
 * getAgentDispatcher() builds (the GitHub client's proxied fetch), and @actions/github, for
 * `fetch`. Loaded with them, undici is 0.9 MB of code and a dozen Node modules (http2, worker
 * threads, zlib, ...) compiled before main's first request. Here it is its own chunk, loaded by
 * loadUndici() on the one path that uses it, the pull request comment (github-comments.ts),
 * before the GitHub client is built. Anything else reaching for it fails loudly.
 */
import type * as Undici from 'undici/index.js'

let real: { ProxyAgent: typeof Undici.ProxyAgent; fetch: typeof Undici.fetch } | undefined

/** Loads undici; call (and await) before anything that may use its ProxyAgent or fetch. */
export async function loadUndici(): Promise<void> {
  if (real) return
  const { ProxyAgent, fetch } = await import('undici/index.js')
  real = { ProxyAgent, fetch }
}

function loaded(): NonNullable<typeof real> {
  if (!real) throw new Error('undici was used before loadUndici() loaded it')
  return real
}

/** undici's ProxyAgent: the constructor returns the real one, so it has the real one's type. */
export const ProxyAgent = class {
  constructor(...args: ConstructorParameters<typeof Undici.ProxyAgent>) {
    return new (loaded().ProxyAgent)(...args)
  }
} as unknown as typeof Undici.ProxyAgent

/** undici's fetch. */
export const fetch: typeof Undici.fetch = (...args) => loaded().fetch(...args)
