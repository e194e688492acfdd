// The official Databricks JS SDK doing what the action's two processes do, for `npm run bench`:
// `main` checks the cluster, creates a context and waits for it, executes and waits (the SDK's
// own waiters); `post` destroys the context. Started with NODE_EXTRA_CA_CERTS; TLS verified.
import { WorkspaceClient } from '@databricks/sdk-experimental'

const [phase, host, token, clusterId, arg = ''] = process.argv.slice(2)
const w = new WorkspaceClient({ host, token, authType: 'pat', skipVerify: false })
if (phase === 'main') {
  await w.clusters.get({ cluster_id: clusterId })
  const ctx = await (await w.commandExecution.create({ clusterId, language: 'python' })).wait()
  const done = await (
    await w.commandExecution.execute({
      clusterId,
      contextId: ctx.id,
      language: 'python',
      command: arg
    })
  ).wait()
  process.stdout.write(JSON.stringify({ contextId: ctx.id, result: done.results?.data ?? '' }))
} else {
  await w.commandExecution.destroy({ clusterId, contextId: arg })
}
