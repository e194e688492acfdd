// Drives the emulator with the official Databricks JS SDK, a client nobody here wrote.
// Run as a child process so NODE_EXTRA_CA_CERTS is read at start; TLS is verified
// (skipVerify: false: the SDK skips verification unless told not to).
import { WorkspaceClient } from '@databricks/sdk-experimental'

const [host, token, clusterId] = process.argv.slice(2)
const w = new WorkspaceClient({ host, token, authType: 'pat', skipVerify: false })
const out = {}
const cluster = await w.clusters.get({ cluster_id: clusterId })
out.clusterState = cluster.state
const ctx = await (await w.commandExecution.create({ clusterId, language: 'python' })).wait()
out.context = ctx
const exec = async (language, command) =>
  (await w.commandExecution.execute({ clusterId, contextId: ctx.id, language, command })).wait()
out.text = await exec('python', 'x = 40\nprint(x + 2)')
out.persisted = await exec('python', 'x + 1')
out.error = await exec('python', '{}["missing"]')
const sqlCtx = await (await w.commandExecution.create({ clusterId, language: 'sql' })).wait()
out.table = await (
  await w.commandExecution.execute({
    clusterId,
    contextId: sqlCtx.id,
    language: 'sql',
    command: "SELECT 1 AS one, 'two' AS two"
  })
).wait()
await w.commandExecution.destroy({ clusterId, contextId: ctx.id })
await w.commandExecution.destroy({ clusterId, contextId: sqlCtx.id })
process.stdout.write(JSON.stringify(out))
