import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from '@jest/globals'
import { Emulator, startEmulator } from '../support/e2e.js'
import { cases, ENDPOINTS, runFaultCase } from '../support/fault-matrix.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(() => emu.stop())
beforeEach(() => emu.reset())
// A test that fails half way must not leave contexts that fail the next one too.
afterEach(() => emu.registry.stopAll())

describe('fault matrix: command polling, cancel, and destroy in the post step', () => {
  it.each(cases(ENDPOINTS.slice(4)))('%s', (_name, endpoint, fault) =>
    runFaultCase(emu, endpoint, fault)
  )
})
