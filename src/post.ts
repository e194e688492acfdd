import { run } from './flow/post.js'

await run()
