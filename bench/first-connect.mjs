// Loaded with --import by bench/startup.ts: notes when the process opens its first
// connection and when it sends its first HTTPS request (wall time since the process started,
// and CPU time used by then), and how many bytes of the bundle were loaded by then; prints them
// and ends the process at that request.
import { statSync } from 'node:fs'
import https from 'node:https'
import { registerHooks } from 'node:module'
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import tls from 'node:tls'
import { fileURLToPath } from 'node:url'

const loaded = new Set()
registerHooks({
  load(url, context, next) {
    if (url.startsWith('file:') && url.includes('/dist/')) loaded.add(fileURLToPath(url))
    return next(url, context)
  }
})
const at = () => {
  const cpu = process.cpuUsage()
  return { wallMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 }
}
// The connection opens at the first net.connect (TCP first) or tls.connect (TCP inside).
let connected
const tcpConnect = net.connect
net.connect = (...args) => {
  connected ??= at()
  return tcpConnect(...args)
}
const connect = tls.connect
tls.connect = (...args) => {
  connected ??= at()
  return connect(...args)
}
https.request = () => {
  const loadedBytes = [...loaded].reduce((sum, f) => sum + statSync(f).size, 0)
  process.stdout.write(`\n${JSON.stringify({ connected, request: at(), loadedBytes })}\n`)
  process.exit(0)
}
