import { run } from './flow/main.js'

await run()
