import { describe, expect, it } from '@jest/globals'
import { DeadlineError } from '../../src/common/errors.js'
import { Deadline } from '../../src/common/time.js'
import { apiErrorFrom } from '../../src/databricks/api-error.js'
import { isRetryable, withRetry } from '../../src/databricks/retry.js'
import { TransportError } from '../../src/databricks/transport.js'
import { FakeTime, MemoryLogger } from '../support/fakes.js'

const err = (status: number, body = '{}', retryAfter?: string) =>
  apiErrorFrom(status, body, retryAfter)
const notReady = err(
  500,
  JSON.stringify({ error: 'ClusterNotReadyException: libraries installing' })
)

describe('isRetryable', () => {
  it.each([
    ['429', err(429), true, true],
    [
      '400 REQUEST_LIMIT_EXCEEDED',
      err(400, '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"Too many requests"}'),
      true,
      true
    ],
    [
      '400 "try a faster operation"',
      err(400, '{"error":"Please try again later or try a faster operation."}'),
      true,
      true
    ],
    [
      '500 "RPC token bucket"',
      err(500, '{"error":"RPC token bucket limit has been exceeded"}'),
      true,
      true
    ],
    [
      '400 REQUEST_LIMIT_EXCEEDED as plain text',
      err(400, 'REQUEST_LIMIT_EXCEEDED: slow down'),
      true,
      true
    ],
    ['503', err(503), true, true],
    ['ClusterNotReadyException', notReady, true, true],
    ['502', err(502), true, false],
    ['504', err(504), true, false],
    ['plain 500', err(500, '{"error":"boom"}'), true, false],
    ['400', err(400), false, false],
    ['401', err(401), false, false],
    ['connection refused', new TransportError('refused', 'ECONNREFUSED'), true, true],
    ['connection reset', new TransportError('reset', 'ECONNRESET'), true, false],
    ['timeout', new TransportError('slow', 'ETIMEDOUT'), true, false],
    ['a bug', new Error('TypeError'), false, false]
  ])('%s: idempotent %p, not idempotent %p', (_name, e, idempotent, nonIdempotent) => {
    expect(isRetryable(e, true)).toBe(idempotent)
    expect(isRetryable(e, false)).toBe(nonIdempotent)
  })
})

function setup(deadlineMs = 600_000) {
  const time = new FakeTime()
  const logger = new MemoryLogger()
  const ctx = {
    label: 'GET /x',
    idempotent: true,
    deadline: Deadline.after(time.clock, deadlineMs, '10m'),
    sleep: time.sleep,
    logger,
    random: () => 0.5
  }
  return { time, logger, ctx }
}

describe('withRetry', () => {
  it('honours Retry-After and logs a labelled line', async () => {
    const { time, logger, ctx } = setup()
    let n = 0
    const result = await withRetry(async () => {
      if (n++ === 0)
        throw err(429, '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}', '7')
      return 'ok'
    }, ctx)
    expect(result).toBe('ok')
    expect(time.sleeps).toEqual([7000])
    expect(logger.lines[0]).toMatch(
      /^info: Retry 1 of 5 in 7000 ms: GET \/x: HTTP 429 REQUEST_LIMIT_EXCEEDED: slow down/
    )
  })

  it('waits about a second on a 429 without Retry-After', async () => {
    const { time, ctx } = setup()
    let n = 0
    await withRetry(async () => {
      if (n++ === 0) throw err(429)
      return 1
    }, ctx)
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(1000)
  })

  it('retries a 400 REQUEST_LIMIT_EXCEEDED like a 429, even for a create', async () => {
    const { time, logger, ctx } = setup()
    let n = 0
    const id = await withRetry(
      async () => {
        if (n++ < 2)
          throw err(
            400,
            '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"Rate limit for this API exceeded"}'
          )
        return 'ctx'
      },
      { ...ctx, idempotent: false, label: 'POST /api/1.2/contexts/create' }
    )
    expect(id).toBe('ctx')
    expect(time.sleeps).toHaveLength(2)
    expect(time.sleeps.every(ms => ms >= 1000)).toBe(true)
    expect(logger.lines[0]).toMatch(/Retry 1 of 5 .*HTTP 400 REQUEST_LIMIT_EXCEEDED: Rate limit/)
  })

  it('backs off exponentially with jitter and gives up after the attempts', async () => {
    const { time, ctx } = setup()
    let n = 0
    await expect(
      withRetry(async () => {
        n++
        throw err(503)
      }, ctx)
    ).rejects.toThrow('HTTP 503')
    expect(n).toBe(6)
    // random 0.5 puts each delay at 75% of 500 * 2^k
    expect(time.sleeps).toEqual([375, 750, 1500, 3000, 6000])
  })

  it('never repeats a non-idempotent call after a 502', async () => {
    const { ctx } = setup()
    let n = 0
    await expect(
      withRetry(
        async () => {
          n++
          throw err(502, '<html>Bad Gateway</html>')
        },
        { ...ctx, idempotent: false }
      )
    ).rejects.toThrow('HTTP 502: Bad Gateway')
    expect(n).toBe(1)
  })

  it('keeps retrying ClusterNotReadyException past the attempt limit, within the deadline', async () => {
    const { ctx } = setup()
    let n = 0
    const r = await withRetry(
      async () => {
        if (n++ < 9) throw notReady
        return 'created'
      },
      { ...ctx, idempotent: false }
    )
    expect(r).toBe('created')
    expect(n).toBe(10)
  })

  it('stops when the next wait would pass the deadline', async () => {
    const { ctx } = setup(5000)
    await expect(
      withRetry(async () => {
        throw err(429, '{}', '30')
      }, ctx)
    ).rejects.toThrow(DeadlineError)
  })
})
