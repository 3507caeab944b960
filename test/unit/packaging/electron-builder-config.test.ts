import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { Configuration } from 'electron-builder'
import { beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../../package.json'

// electron-builder's own loading and validation of the configuration (the functions its `build`
// calls before anything else), without the Electron download that packaging needs.
const require = createRequire(import.meta.url)
const { getConfig, validateConfiguration } =
  require('app-builder-lib/out/util/config/config.js') as {
    getConfig: (projectDir: string, configPath: null, fromOptions: null) => Promise<Configuration>
    validateConfiguration: (config: Configuration, logger: unknown) => Promise<void>
  }
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown
}
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget.js') as {
  default: { prototype: { getDefaultDepends: (target: string) => string[] } }
}

const projectDir = fileURLToPath(new URL('../../../', import.meta.url))
const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false))
// Compiling electron-builder's schema (over 9,000 lines) takes seconds on a busy machine.
const schemaTimeout = 60_000

let config: Configuration
beforeAll(async () => {
  config = await getConfig(projectDir, null, null)
})

describe('electron-builder.yml', () => {
  it(
    'passes electron-builder’s own validation',
    async () => {
      await expect(validate(config)).resolves.toBeUndefined()
    },
    schemaTimeout,
  )

  it(
    'is rejected by that validation when an option is misspelt, so the check above can fail',
    async () => {
      const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } }
      await expect(validate(misspelt as Configuration)).rejects.toThrow(/electronFuses/)
    },
    schemaTimeout,
  )

  it('packages the built output and points at the built main process', () => {
    expect(config.files).toEqual([
      { filter: ['out/**/*', 'package.json', '!**/*.map', '!**/{.env,.env.*}'] },
    ])
    expect(packageJson.main).toBe('out/main/index.js')
  })

  it('builds a per-user NSIS installer, a hardened dmg, an AppImage and a deb', () => {
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false })
    expect(config.mac).toMatchObject({
      target: ['dmg'],
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    })
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
  })

  it('registers no file types and no URL schemes with the system', () => {
    expect(config.fileAssociations).toEqual([])
    expect(config.protocols).toEqual([])
  })

  it('keeps every package electron-builder’s deb would depend on, and adds the keyring', () => {
    // A `depends` list replaces electron-builder's default one instead of extending it.
    const defaults = FpmTarget.prototype.getDefaultDepends('deb')
    expect(defaults.length).toBeGreaterThan(0)
    expect(config.deb?.depends).toEqual(expect.arrayContaining([...defaults, 'libsecret-1-0']))
    expect(config.deb?.recommends).toEqual(['gnome-keyring'])
  })
})

describe('macOS entitlements', () => {
  it('grant only the JIT that V8 needs under the hardened runtime', () => {
    const plist = readFileSync(
      new URL('../../../build/entitlements.mac.plist', import.meta.url),
      'utf8',
    )
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [
      m[1],
      m[2],
    ])
    expect(keys).toEqual([['com.apple.security.cs.allow-jit', 'true']])
  })
})

describe('build/icon.png', () => {
  it('is a 1024×1024 PNG, large enough for the macOS icon set', () => {
    const png = readFileSync(new URL('../../../build/icon.png', import.meta.url))
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024])
  })
})
