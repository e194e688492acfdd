import { connectEarly } from './action/early.js'

// The connection opens while the rest of the step (its own chunk) loads.
connectEarly('main')
const { runMain } = await import('./action/run-main.js')
await runMain()
