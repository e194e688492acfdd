import { describe, expect, it } from '@jest/globals'
import { apiErrorFrom } from '../../src/databricks/api-error.js'
import { errorLine, htmlToText, stripRPrefix } from '../../src/databricks/error-message.js'
import {
  commandErrorMessage,
  isContextShutdown,
  parseResults
} from '../../src/databricks/results.js'

// The exact shapes the real service sends (docs/service-facts.md lists where each was seen).

describe('text output cut by the service', () => {
  it.each([
    [
      'head and tail around skipped bytes',
      'aaa\n*** WARNING: skipped 123456 bytes of output ***\n\nzzz'
    ],
    ['skipped bytes anywhere in the text', 'x\n\n*** WARNING: skipped 1 bytes of output ***\ny'],
    ['the whole output dropped', '*** WARNING: max output size exceeded, skipping output. ***'],
    [
      'the dropped-output warning after text',
      'a\n*** WARNING: max output size exceeded, skipping output. ***\n'
    ]
  ])('%s sets truncated', (_name, data) => {
    const r = parseResults({ resultType: 'text', data })
    expect(r).toEqual({ type: 'text', text: data, truncated: true })
  })
  it('plain text is not truncated, even when it mentions a warning', () => {
    const r = parseResults({ resultType: 'text', data: 'WARNING: skipped lunch' })
    expect(r).toMatchObject({ truncated: false })
  })
})

describe('images', () => {
  const png = 'data:image/png;base64,iVBORw0KGgo='
  it.each([
    [
      'images with data URLs',
      { resultType: 'images', fileNames: [png, png] },
      'images',
      [png, png]
    ],
    [
      'image with a /plots/ path',
      { resultType: 'image', fileName: '/plots/1a2b.png' },
      'image',
      ['/plots/1a2b.png']
    ],
    ['image carrying only fileNames', { resultType: 'image', fileNames: [png] }, 'image', [png]],
    [
      'images carrying a fileName too',
      { resultType: 'images', fileName: '/plots/a.png', fileNames: [png] },
      'images',
      ['/plots/a.png', png]
    ],
    ['an image with nothing', { resultType: 'image' }, 'image', []]
  ])('%s', (_name, raw, type, fileNames) => {
    expect(parseResults(raw)).toEqual({ type, fileNames })
  })
})

describe('R', () => {
  it('turns R text HTML into text', () => {
    const data =
      '<html><body><pre style="font-size:10px">[1] 2\n[1] &quot;a &lt;b&gt;&quot;\n</pre></body></html>'
    expect(parseResults({ resultType: 'text', data }, 'r')).toEqual({
      type: 'text',
      text: '[1] 2\n[1] "a <b>"',
      truncated: false
    })
    expect(htmlToText('<p>one</p><p>two<br/>three</p>')).toBe('one\ntwo\nthree')
  })
  it('leaves HTML-looking text from other languages alone', () => {
    expect(parseResults({ resultType: 'text', data: '<b>hi</b>' }, 'python')).toMatchObject({
      text: '<b>hi</b>'
    })
  })
  it('removes the DATABRICKS_CURRENT_TEMP_CMD__ prefix of R errors', () => {
    const cause =
      'DATABRICKS_CURRENT_TEMP_CMD__6c2f0ab1d4: Error in eval(ei, envir): object x not found\nCalls: eval -> eval'
    const r = parseResults({ resultType: 'error', summary: '', cause }, 'r')
    expect(r).toEqual({
      type: 'error',
      message: 'Error in eval(ei, envir): object x not found',
      traceback: 'Error in eval(ei, envir): object x not found\nCalls: eval -> eval'
    })
    expect(stripRPrefix('DATABRICKS_CURRENT_TEMP_CMD__: x')).toBe('x')
  })
})

describe('JVM error causes', () => {
  it('reads an ExecutionError block with its StatusCode and StatusDescription', () => {
    const cause =
      '\n---\nExecutionError: An error occurred\nStatusCode=400\nStatusDescription=BadRequest\n---\n'
    expect(errorLine('', cause)).toBe(
      'An error occurred (StatusCode=400, StatusDescription=BadRequest)'
    )
  })
  it('reads an ExecutionError block with no message', () => {
    const cause =
      'ExecutionError: \nStatusCode=503\nStatusDescription=ServiceUnavailable\nSomething else'
    expect(errorLine('', cause)).toBe(
      'ExecutionError (StatusCode=503, StatusDescription=ServiceUnavailable)'
    )
  })
  it('prefers the summary exception when there is one', () => {
    expect(
      errorLine(
        "<span class='ansi-red-fg'>AnalysisException</span>: Table x not found",
        'ExecutionError: y\nStatusCode=1\nStatusDescription=z\n'
      )
    ).toBe('AnalysisException: Table x not found')
  })
})

describe('command status Error', () => {
  it('says the message from results.data', () => {
    expect(
      commandErrorMessage({ resultType: 'error', data: 'Driver is temporarily unavailable' })
    ).toBe('Driver is temporarily unavailable')
    expect(commandErrorMessage({ data: '<b>Spark</b> restarted' })).toBe('Spark restarted')
  })
  it('falls back to summary and cause, and to nothing', () => {
    expect(commandErrorMessage({ resultType: 'error', summary: 'ValueError: v' })).toBe(
      'ValueError: v'
    )
    expect(commandErrorMessage({})).toBeUndefined()
    expect(commandErrorMessage(null)).toBeUndefined()
  })
})

describe('a context shut down under its command', () => {
  const cancelled = (cause: string) => ({ resultType: 'error', summary: 'Cancelled', cause })
  it.each([
    'com.databricks.backend.common.rpc.CommandCancelledException\n\tat ExecContextState.shutdown(x.scala:1)',
    'CommandCancelledException\nExecution context 123 is shutting down: the cluster is restarting',
    'CommandCancelledException: ExecutionContext was shut down',
    'CommandCancelledException: the context was evicted'
  ])('is recognised: %s', cause => {
    expect(isContextShutdown(cancelled(cause))).toBe(true)
  })
  it('is not an ordinary cancel', () => {
    expect(
      isContextShutdown(
        cancelled('CommandCancelledException\n\tat ExecContextState.cancel(x.scala:412)')
      )
    ).toBe(false)
    expect(
      isContextShutdown({ resultType: 'text', data: 'shutdown CommandCancelledException' })
    ).toBe(false)
  })
})

describe('error bodies', () => {
  it.each([
    [
      'a Jetty page',
      '<html>\n<head>\n<title>Error 400 Bad Request</title>\n</head>\n<body><h2>HTTP ERROR 400</h2>\n<p>Reason:\n<pre>    Cluster 1 does not exist</pre></p></body></html>',
      undefined,
      'Cluster 1 does not exist'
    ],
    [
      'a bare <pre>',
      '<pre>Worker environment not ready</pre>',
      undefined,
      'Worker environment not ready'
    ],
    [
      'plain CODE: message',
      'MALFORMED_REQUEST: vpc_endpoints malformed parameters',
      'MALFORMED_REQUEST',
      'vpc_endpoints malformed parameters'
    ],
    [
      'a proxy page',
      '<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1></body></html>',
      undefined,
      '502 Bad Gateway'
    ],
    [
      '1.2 JSON',
      '{"error":"requirement failed: missing contextId"}',
      undefined,
      'requirement failed: missing contextId'
    ],
    [
      '2.0 JSON',
      '{"error_code":"INVALID_STATE","message":"Cluster c is in unexpected state Pending."}',
      'INVALID_STATE',
      'Cluster c is in unexpected state Pending.'
    ]
  ])('%s', (_name, body, code, message) => {
    const e = apiErrorFrom(400, body, undefined)
    expect({ code: e.errorCode, message: e.serviceMessage }).toEqual({ code, message })
  })
  it('knows a rate limit in every form', () => {
    expect(apiErrorFrom(429, '', undefined).rateLimited).toBe(true)
    expect(
      apiErrorFrom(400, '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"x"}', undefined)
        .rateLimited
    ).toBe(true)
    expect(
      apiErrorFrom(
        400,
        '{"message":"Please try again later or try a faster operation."}',
        undefined
      ).rateLimited
    ).toBe(true)
    expect(
      apiErrorFrom(500, '<pre>RPC token bucket limit has been exceeded</pre>', undefined)
        .rateLimited
    ).toBe(true)
    expect(
      apiErrorFrom(400, '{"error_code":"INVALID_STATE","message":"x"}', undefined).rateLimited
    ).toBe(false)
  })
  it('knows the context limit', () => {
    const e = apiErrorFrom(
      500,
      '{"error":"Too many execution contexts are open right now.(Limit set currently to 145)"}',
      undefined
    )
    expect(e.tooManyContexts).toBe(true)
    expect(apiErrorFrom(500, '{"error":"boom"}', undefined).tooManyContexts).toBe(false)
  })
})
