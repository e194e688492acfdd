import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { Emulator } from './emulator.js'
import type { ContextLimits } from './context-model.js'
import type { FaultConfig } from './faults.js'
import type { OAuthConfig } from './oauth.js'

/**
 * `npm run emulator -- [--port N] [--faults file.json] [--oauth file.json] [--token T]
 * [--limits '{"maxContextsPerCluster":20}']`: starts the emulator and prints one JSON line
 * ({url, token, clusterId, caCert}) once it is ready.
 * `--oauth` takes service principals, federation policies, Entra trust and the token lifetime
 * (see OAuthConfig in emulator/oauth.ts); POST /__emulator/oauth sets them later.
 * `--limits` overrides ContextLimits (emulator/contexts.ts), e.g. a lower context limit.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    faults: { type: 'string' },
    oauth: { type: 'string' },
    token: { type: 'string' },
    limits: { type: 'string' }
  }
})
const faults = values.faults
  ? (JSON.parse(readFileSync(values.faults, 'utf8')) as FaultConfig)
  : undefined
const oauth = values.oauth
  ? (JSON.parse(readFileSync(values.oauth, 'utf8')) as OAuthConfig)
  : undefined
const emulator = await Emulator.start({
  port: Number(values.port),
  host: values.host,
  faults,
  oauth,
  token: values.token,
  limits: values.limits ? (JSON.parse(values.limits) as Partial<ContextLimits>) : undefined
})
process.stdout.write(
  `${JSON.stringify({ url: emulator.url, token: emulator.token, username: emulator.creds.username, password: emulator.creds.password, clusterId: emulator.clusterId, caCert: emulator.caCert })}\n`
)
const stop = (): void => {
  void emulator.stop().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
