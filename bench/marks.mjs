// For bench:profile: BENCH_MARKS=/tmp/marks.txt BENCH_NODE_OPTIONS=--import=$PWD/bench/marks.mjs
// appends to BENCH_MARKS, with the epoch time and pid, when each step's process started (its
// time origin), called tls.connect, had TCP and TLS up, sent each request, and exited.
import { appendFileSync } from 'node:fs'
import tls from 'node:tls'
import https from 'node:https'
import { performance } from 'node:perf_hooks'
const f = process.env.BENCH_MARKS
const mark = what => appendFileSync(f, `${Date.now()} ${process.pid} ${what}\n`)
mark(`process origin ${Math.round(performance.timeOrigin)} hook at ${performance.now().toFixed(0)}`)
const c = tls.connect
tls.connect = (...a) => {
  mark('tls.connect called')
  const s = c(...a)
  s.once('connect', () => mark('tcp connected'))
  s.once('secureConnect', () => mark('tls done'))
  return s
}
const r = https.request
https.request = (...a) => {
  mark('https.request')
  return r(...a)
}
process.on('exit', () => mark('exit'))
