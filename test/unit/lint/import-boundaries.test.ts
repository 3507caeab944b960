import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { beforeAll, describe, expect, it } from 'vitest'

// The import boundaries of DESIGN.md §1 are an ESLint rule; this proves the rule bites, so a later
// edit of eslint.config.js cannot quietly turn it into a check that never fails.
const eslint = new ESLint({
  overrideConfig: [
    tseslint.configs.disableTypeChecked,
    { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ],
})

async function violations(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath })
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message)
}

describe('import boundaries', () => {
  // Loading the configuration and its plugins is the slow part (seconds on a busy machine): done
  // once here, with time for it, so that no case pays for it against the per-test timeout.
  beforeAll(() => eslint.calculateConfigForFile('shared/ipc/probe.ts'), 60_000)

  it.each([
    ['shared/ipc/probe.ts', "import { app } from 'electron'"],
    ['shared/ipc/probe.ts', "import { handlers } from '../../electron/handlers'"],
    ['shared/ipc/probe.ts', "import { api } from '../../renderer/src/api'"],
    ['shared/ipc/probe.ts', "import { readFileSync } from 'node:fs'"],
    ['renderer/src/probe.ts', "import { handlers } from '../../electron/handlers'"],
    ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron'"],
    ['renderer/src/probe.ts', "import { join } from 'path'"],
    ['electron/handlers/probe.ts', "import { dialog } from 'electron'"],
    ['electron/shell/probe.ts', "import { app } from 'electron'"],
    ['electron/vault/probe.ts', "import Store from 'electron-store'"],
    ['test/unit/probe.ts', "import { app } from 'electron'"],
  ])('%s may not %s', async (filePath, source) => {
    expect(await violations(filePath, source)).toHaveLength(1)
  })

  it.each([
    ['electron/platform/probe.ts', "import { dialog } from 'electron'"],
    ['electron/main.ts', "import { app } from 'electron'"],
    ['electron/preload.ts', "import { contextBridge } from 'electron'"],
    ['electron/handlers/probe.ts', "import { readFile } from 'node:fs/promises'"],
    ['renderer/src/probe.ts', "import { contract } from '../../shared/ipc/contract'"],
    ['test/unit/probe.ts', "import { handlers } from '../../electron/handlers'"],
  ])('%s may %s', async (filePath, source) => {
    expect(await violations(filePath, source)).toEqual([])
  })
})
