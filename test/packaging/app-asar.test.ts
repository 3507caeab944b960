import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { extractAll, listPackage } from '@electron/asar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bareImports, importFailures, runtimeModule } from './support/dependencies'
import { filesUnder, packApp, readFuses } from './support/pack'
import type { PackedApp } from './support/pack'

const projectDir = fileURLToPath(new URL('../../', import.meta.url))
const builtDir = join(projectDir, 'out')

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

const entries = (asar: string) =>
  listPackage(asar, { isPack: false }).map((entry) => entry.split('\\').join('/'))

let workDir: string
beforeAll(() => {
  if (!existsSync(join(builtDir, 'main', 'index.js'))) {
    throw new Error('The packaging tests pack the built app: run `npm run build` first.')
  }
  workDir = mkdtempSync(join(tmpdir(), 'ksef-desk-packaging-'))
})
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true })
})

describe('the app as electron-builder packs it', () => {
  let app: PackedApp
  let listing: string[]
  let unpacked: string
  beforeAll(async () => {
    app = await packApp(projectDir, join(workDir, 'project'))
    listing = entries(app.asar)
    unpacked = join(workDir, 'unpacked')
    extractAll(app.asar, unpacked)
  })

  it('holds the built main process, preload and renderer, and nothing of the sources', () => {
    const topLevel = new Set(listing.map((entry) => entry.split('/')[1]))
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json'])
    const built = filesUnder(builtDir).filter((file) => !file.endsWith('.map'))
    expect(filesUnder(join(unpacked, 'out'))).toEqual(built)
    expect(built).toEqual(
      expect.arrayContaining([
        'main/index.js',
        'preload/preload.cjs',
        'renderer/index.html',
        expect.stringMatching(/^renderer\/assets\/.+\.js$/) as string,
      ]),
    )
  })

  it('starts where package.json says', () => {
    const { main } = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as {
      main: string
    }
    expect(existsSync(join(unpacked, main))).toBe(true)
  })

  it('holds no source maps and no .env files, in the app or its dependencies', () => {
    expect(listing.filter((entry) => /\.map$|(^|\/)\.env(\.[^/]*)?$/.test(entry))).toEqual([])
  })

  it('holds every package the main process and the CLI import, each loadable from inside it', async () => {
    const mainFiles = filesUnder(join(unpacked, 'out', 'main')).filter((file) =>
      file.endsWith('.js'),
    )
    const imported = [
      ...new Set(mainFiles.flatMap((file) => bareImports(join(unpacked, 'out', 'main', file)))),
    ]
    const packages = imported.filter((name) => name !== runtimeModule)
    expect(packages.length).toBeGreaterThan(0)
    expect(await importFailures(join(unpacked, 'out', 'main'), packages, workDir)).toEqual([])
  })

  it('loads from inside it only what is packed: a development dependency is not found', async () => {
    const failures = await importFailures(join(unpacked, 'out', 'main'), ['vitest'], workDir)
    expect(failures).toEqual([
      expect.stringMatching(/^vitest: .*Cannot find package 'vitest'/) as string,
    ])
  })

  it('holds only production packages, and not Electron itself', () => {
    // electron-builder hoists nested copies, so a package is told by name and version, not path.
    const lock = JSON.parse(readFileSync(join(projectDir, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; dev?: boolean }>
    }
    const production = new Set(
      Object.entries(lock.packages)
        .filter(([path, entry]) => path !== '' && entry.dev !== true)
        .map(
          ([path, entry]) => `${packageName(path.split('node_modules/').at(-1)!)}@${entry.version}`,
        ),
    )
    const manifests = listing.filter((entry) =>
      /\/node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(entry),
    )
    const packed = manifests.map((manifest) => {
      const { name, version } = JSON.parse(readFileSync(join(unpacked, manifest), 'utf8')) as {
        name: string
        version: string
      }
      return `${name}@${version}`
    })
    expect(packed.length).toBeGreaterThan(0)
    expect(packed.filter((pkg) => !production.has(pkg))).toEqual([])
    expect(packed.filter((pkg) => pkg.startsWith(`${runtimeModule}@`))).toEqual([])
  })

  it('gives the sandboxed preload nothing to require but Electron', () => {
    expect(bareImports(join(unpacked, 'out', 'preload', 'preload.cjs'))).toEqual([runtimeModule])
  })

  it('flips the fuses of the packaged executable as electron-builder.yml says', () => {
    expect(app.executableName).toBe('ksef-desk')
    expect(readFuses(app.executable)).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      // Not set in electron-builder.yml: the state Electron ships with.
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    })
  })
})

describe('the file filter', () => {
  // A copy of the project with files planted where a careless build or a developer could leave them.
  const planted = [
    'out/main/index.js.map',
    'out/renderer/assets/index.css.map',
    'out/.env',
    'out/main/.env.production',
    'test/planted.test.ts',
    'bench/planted.ts',
    'renderer/src/planted.tsx',
    '.sandbox-data/secrets.json',
    '.env',
  ]
  let listing: string[]
  beforeAll(async () => {
    const copy = join(workDir, 'planted-copy')
    for (const name of [
      'package.json',
      'package-lock.json',
      'electron-builder.yml',
      'build',
      'out',
    ]) {
      cpSync(join(projectDir, name), join(copy, name), { recursive: true })
    }
    symlinkSync(join(projectDir, 'node_modules'), join(copy, 'node_modules'), 'dir')
    for (const file of planted) {
      mkdirSync(dirname(join(copy, file)), { recursive: true })
      writeFileSync(join(copy, file), 'planted\n')
    }
    listing = entries((await packApp(copy, join(workDir, 'planted-release'))).asar)
  })

  it('still packs the app from the copy', () => {
    expect(listing).toContain('/out/main/index.js')
  })

  it('leaves out every planted source map, .env file and source folder', () => {
    expect(planted.filter((file) => listing.includes(`/${file}`))).toEqual([])
  })
})
