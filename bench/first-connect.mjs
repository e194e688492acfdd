// Loaded with --import by bench/startup.ts: notes when the process opens its first TLS
// connection and when it sends its first HTTPS request (wall time since the process started,
// and CPU time used by then), prints both and ends the process at that request.
import https from 'node:https'
import { performance } from 'node:perf_hooks'
import tls from 'node:tls'

const at = () => {
  const cpu = process.cpuUsage()
  return { wallMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 }
}
let connected
const connect = tls.connect
tls.connect = (...args) => {
  connected ??= at()
  return connect(...args)
}
https.request = () => {
  process.stdout.write(`\n${JSON.stringify({ connected, request: at() })}\n`)
  process.exit(0)
}
