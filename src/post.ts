import { runPost } from './action/run-post.js'
import { exitWhenDone } from './runner/exit.js'

await runPost()
exitWhenDone()
