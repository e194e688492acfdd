import { describe, expect, it } from '@jest/globals'
import * as undici from 'undici/index.js'
import { fetch, loadUndici, ProxyAgent } from '../../src/runner/undici-on-demand.js'

// The bundles get this module for 'undici' (tsconfig.json paths); 'undici/index.js' is the real one.
describe('undici on demand', () => {
  it('fails loudly when used before it is loaded, then is undici itself', async () => {
    expect(() => new ProxyAgent({ uri: 'http://127.0.0.1:9' })).toThrow(
      'undici was used before loadUndici() loaded it'
    )
    expect(() => fetch('http://127.0.0.1:9')).toThrow('undici was used before loadUndici()')
    await loadUndici()
    await loadUndici()
    const agent = new ProxyAgent({ uri: 'http://127.0.0.1:9' })
    expect(agent).toBeInstanceOf(undici.ProxyAgent)
    await agent.close()
    // A refused connection comes back from undici's own fetch as its TypeError.
    await expect(fetch('http://127.0.0.1:9/')).rejects.toThrow('fetch failed')
  })
})
