/**
 * `npm run demo`: starts the local emulator and runs the bundled action against it the way
 * the GitHub runner does (main, then post), on inline Python, inline SQL and a file from the
 * repository. Prints each step's outputs and job summary, then checks nothing was left behind.
 */
import { Emulator } from '../emulator/emulator.js'
import { GitHubIdTokens } from '../harness/github-id-tokens.js'
import { runJob } from '../harness/runner.js'

const emulator = await Emulator.start()
// GitHub's ID-token service, and a federation policy of a service principal that trusts it.
const github = await GitHubIdTokens.start(emulator.tls)
const FEDERATED_SP = 'demo-federated-sp'
emulator.oauth.config = {
  federationPolicies: [
    {
      issuer: github.issuer,
      subject: github.subject,
      audiences: [`${emulator.url}/oidc/v1/token`],
      clientId: FEDERATED_SP
    }
  ]
}
const env = { NODE_EXTRA_CA_CERTS: emulator.caCert }
const common = {
  host: emulator.url,
  token: emulator.token,
  'cluster-id': emulator.clusterId,
  timeout: '2m'
}
const steps: { title: string; inputs: Record<string, string>; env?: Record<string, string> }[] = [
  {
    title: 'GitHub OIDC federation (auth-type github-oidc): no secret at all',
    // The job has `permissions: id-token: write`; the only credential input is the client id.
    inputs: {
      token: '',
      'client-id': FEDERATED_SP,
      command: 'print("signed in with a federated token")'
    },
    env: github.env()
  },
  {
    title: 'Inline Python',
    inputs: { command: 'import sys\nprint("running on", sys.platform)\nsum(range(101))' }
  },
  {
    title: 'Inline SQL',
    inputs: { language: 'sql', command: "SELECT 'emulator' AS engine, 6 * 7 AS answer" }
  },
  { title: 'Python file examples/hello.py', inputs: { file: 'examples/hello.py' } },
  { title: 'SQL file examples/orders.sql', inputs: { file: 'examples/orders.sql' } }
]

/** The summary is HTML for GitHub's page; this is a rough rendering for a terminal. */
function htmlToText(html: string): string {
  return html
    .replace(/<\/(tr|h3|p|pre|li)>/g, '\n')
    .replace(/<\/t[hd]>/g, ' | ')
    .replace(/<br>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#124;/g, '|')
    .replace(/&amp;/g, '&')
    .trim()
}

let failures = 0
try {
  for (const step of steps) {
    const { main, post } = await runJob({
      inputs: { ...common, ...step.inputs },
      env: { ...env, ...step.env }
    })
    console.log(
      `\n=== ${step.title}: main exited ${main.exitCode} in ${main.durationMs} ms, post exited ${post.exitCode}`
    )
    console.log('outputs:')
    for (const [k, v] of Object.entries(main.outputs))
      console.log(`  ${k} = ${v.length > 300 ? `${v.slice(0, 300)}…` : v}`)
    console.log('job summary:')
    console.log(htmlToText(main.summary).replace(/^/gm, '  '))
    if (main.exitCode !== 0 || post.exitCode !== 0 || main.outputs.status !== 'Finished') failures++
  }
  const left = emulator.registry.liveContexts
  const processes = emulator.registry.liveProcesses
  console.log(`\nLeft behind: ${left} execution contexts, ${processes} python processes`)
  if (left || processes) failures++
} finally {
  await github.stop()
  await emulator.stop()
}
console.log(failures ? `Demo FAILED: ${failures} problem(s)` : 'Demo OK')
process.exit(failures ? 1 : 0)
