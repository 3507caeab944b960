import { readFileSync, readdirSync } from 'node:fs'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import type * as ElectronBuilder from 'electron-builder'

// electron-builder itself packs the app: the same file list, the same production dependencies and
// the same asar as a release, into a Linux `dir` target. Only the Electron binary, which cannot be
// downloaded here, is a stand-in: a file carrying the fuse wire, so that the fuses electron-builder
// flips can be read back.
const require = createRequire(import.meta.url)
const { build, Platform, Arch } = require('electron-builder') as typeof ElectronBuilder
const { FuseV1Options } = require('@electron/fuses') as {
  FuseV1Options: Record<string, number | string>
}

// https://github.com/electron/fuses: the sentinel, the wire's version (1), its length, then one
// byte per fuse, '0' for off and '1' for on.
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// The states Electron ships with, in FuseV1Options order (RunAsNode … GrantFileProtocolExtraPrivileges).
const shippedWire = '10110001'

export type PackedApp = { asar: string; executable: string; executableName: string }

async function writeStandInElectron(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\n'),
    Buffer.from(fuseSentinel, 'ascii'),
    Buffer.from([1, shippedWire.length]),
    Buffer.from(shippedWire, 'ascii'),
  ])
  const executable = join(dir, 'electron')
  await writeFile(executable, binary)
  await chmod(executable, 0o755)
}

export async function packApp(projectDir: string, workDir: string): Promise<PackedApp> {
  const electronDist = join(workDir, 'electron-dist')
  await writeStandInElectron(electronDist)
  const output = join(workDir, 'release')
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    // Merged over electron-builder.yml, which electron-builder loads from projectDir as usual.
    config: { electronDist, npmRebuild: false, directories: { output } },
  })
  const appOutDir = join(output, 'linux-unpacked')
  const files = readdirSync(appOutDir, { withFileTypes: true }).filter((entry) => entry.isFile())
  if (files.length !== 1) {
    throw new Error(
      `Expected one executable in ${appOutDir}, found ${files.map((f) => f.name).join(', ')}`,
    )
  }
  const executableName = files[0]!.name
  return {
    asar: join(appOutDir, 'resources', 'app.asar'),
    executable: join(appOutDir, executableName),
    executableName,
  }
}

// The fuses of a packaged executable, by name: true for on, false for off.
export function readFuses(executable: string): Record<string, boolean> {
  const binary = readFileSync(executable)
  const at = binary.indexOf(fuseSentinel)
  if (at === -1) throw new Error(`No fuse wire in ${executable}`)
  const length = binary[at + fuseSentinel.length + 1]!
  const wire = binary.subarray(at + fuseSentinel.length + 2, at + fuseSentinel.length + 2 + length)
  return Object.fromEntries(
    [...wire].map((state, index) => [String(FuseV1Options[index]), state === '1'.charCodeAt(0)]),
  )
}

// Every file under dir, as a path relative to it with forward slashes.
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort()
}
