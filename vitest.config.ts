import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Under plain Node, importing 'electron' would try to download the Electron binary. Every test
// resolves it to a stub that throws, so a stray import fails loudly instead.
const electronStub = fileURLToPath(new URL('./test/support/electron-stub.ts', import.meta.url))

export default defineConfig({
  resolve: { alias: { electron: electronStub, 'electron-store': electronStub } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Files of a worker share one module registry: loading pkijs, zod schemas and the
          // handlers once per worker instead of once per file halves the run. No test may lean on
          // module state or mocks (none uses vi.mock here; each builds its own services).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // As for unit: one module registry per worker (about 50 s less on two cores).
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // A page waits on real work (scrypt, key generation, the simulator): give polls time.
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // The desktop shell booted under the fake Electron (test/support/fake-electron), which is
          // handed to it rather than imported: the stub alias above stays in force.
          name: 'shell',
          include: ['test/shell/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          // Packs and scans the built app (out/): run after `npm run build`. The pack and the scan
          // each keep one core busy, so the two files run side by side; on a loaded machine a
          // pack, a scan or removing a packed tree takes minutes.
          name: 'packaging',
          include: ['test/packaging/**/*.test.ts'],
          environment: 'node',
          maxWorkers: 2,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
})
