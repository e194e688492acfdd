import { connectEarly } from './action/early.js'

// The connection opens while the rest of the step (its own chunk) loads.
connectEarly('post')
const { runPost } = await import('./action/run-post.js')
await runPost()
