import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals'
import { Emulator, startEmulator } from '../support/e2e.js'
import { cases, ENDPOINTS, runFaultCase } from '../support/fault-matrix.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(() => emu.stop())
beforeEach(() => emu.reset())

describe('fault matrix: command polling, cancel, and destroy in the post step', () => {
  it.each(cases(ENDPOINTS.slice(4)))('%s', (_name, endpoint, fault) =>
    runFaultCase(emu, endpoint, fault)
  )
})
