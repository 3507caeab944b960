import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openNodeServices } from '../../../electron/node-services'
import { FolderCertificateFiles } from '../../../electron/vault/certificate-files'
import {
  tidyDataFolder,
  writeFileDurably,
  writeFileDurablySync,
} from '../../../electron/vault/durable-write'
import { secretsFileName } from '../../../electron/vault/sealed-file-secret-store'
import { FakeClock } from '../../support/memory-context'
import { filesUnder, folderEachTestUnderUmask022 } from '../../support/temp-folder'

const mode = (path: string) => statSync(path).mode & 0o777
const id = '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11'

describe('durable, private data files', () => {
  const folder = folderEachTestUnderUmask022()

  it('writes 0600 into a 0700 folder it creates, and leaves no temporary file', async () => {
    const target = join(folder.path, 'a', 'b', 'file.json')
    await writeFileDurably(target, 'one')
    writeFileDurablySync(join(folder.path, 'a', 'sync.json'), 'two')
    expect(readFileSync(target, 'utf8')).toBe('one')
    expect(mode(target)).toBe(0o600)
    expect(mode(join(folder.path, 'a', 'sync.json'))).toBe(0o600)
    expect(mode(join(folder.path, 'a'))).toBe(0o700)
    expect(mode(join(folder.path, 'a', 'b'))).toBe(0o700)
    expect(readdirSync(join(folder.path, 'a')).sort()).toEqual(['b', 'sync.json'])
  })

  it('replaces a file that was world-readable with one that is not', async () => {
    const target = join(folder.path, 'file.json')
    writeFileSync(target, 'old', { mode: 0o644 })
    await writeFileDurably(target, 'new')
    expect(mode(target)).toBe(0o600)
    expect(readFileSync(target, 'utf8')).toBe('new')
  })

  it("at start removes temporary files a killed process left, and narrows the app's files and folders", () => {
    mkdirSync(join(folder.path, 'certificates'), { mode: 0o755 })
    mkdirSync(join(folder.path, 'logs'), { mode: 0o755 })
    mkdirSync(join(folder.path, 'photos'), { mode: 0o755 })
    writeFileSync(join(folder.path, 'settings.json'), '{}', { mode: 0o644 })
    writeFileSync(join(folder.path, 'secrets.sealed.corrupt-2026-11-21T09-00-00-000Z'), 's', {
      mode: 0o644,
    })
    writeFileSync(join(folder.path, 'logs', 'main.log'), '', { mode: 0o644 })
    writeFileSync(join(folder.path, 'settings.json.0123456789ab.tmp'), '{"half')
    writeFileSync(join(folder.path, 'settings.json.tmp-1764661200000k3j2'), '{"half')
    writeFileSync(join(folder.path, 'secrets.sealed.a1b2c3d4e5f6.tmp'), 'half')
    writeFileSync(join(folder.path, 'certificates', `${id}.pem.0a1b2c3d4e5f.tmp`), 'half')
    writeFileSync(join(folder.path, 'certificates', `${id}.0a1b2c3d.tmp`), 'half')
    writeFileSync(join(folder.path, 'certificates', `${id}.pem`), 'pem', { mode: 0o644 })
    // Not the app's: a data folder given by mistake keeps them as they are.
    writeFileSync(join(folder.path, 'notes.0123456789ab.tmp'), 'not ours', { mode: 0o644 })
    writeFileSync(join(folder.path, 'photos', 'a.jpg'), 'not ours', { mode: 0o644 })

    const removed = tidyDataFolder(folder.path)

    expect(removed.map((path) => path.slice(folder.path.length + 1)).sort()).toEqual([
      `certificates/${id}.0a1b2c3d.tmp`,
      `certificates/${id}.pem.0a1b2c3d4e5f.tmp`,
      'secrets.sealed.a1b2c3d4e5f6.tmp',
      'settings.json.0123456789ab.tmp',
      'settings.json.tmp-1764661200000k3j2',
    ])
    for (const sub of ['', 'certificates', 'logs']) expect(mode(join(folder.path, sub))).toBe(0o700)
    for (const name of [
      'settings.json',
      'secrets.sealed.corrupt-2026-11-21T09-00-00-000Z',
      join('logs', 'main.log'),
      join('certificates', `${id}.pem`),
    ]) {
      expect([name, mode(join(folder.path, name))]).toEqual([name, 0o600])
    }
    expect(mode(join(folder.path, 'notes.0123456789ab.tmp'))).toBe(0o644)
    expect(mode(join(folder.path, 'photos'))).toBe(0o755)
    expect(mode(join(folder.path, 'photos', 'a.jpg'))).toBe(0o644)
  })

  it('certificate files are written 0600 in a 0700 folder, overwritten the same way', async () => {
    const files = new FolderCertificateFiles(join(folder.path, 'certificates'))
    await files.write(id, 'first')
    chmodSync(join(folder.path, 'certificates', `${id}.pem`), 0o644)
    await files.write(id, 'second')
    expect(await files.read(id)).toBe('second')
    expect(mode(join(folder.path, 'certificates', `${id}.pem`))).toBe(0o600)
    expect(mode(join(folder.path, 'certificates'))).toBe(0o700)
    expect(readdirSync(join(folder.path, 'certificates'))).toEqual([`${id}.pem`])
  })

  it('a data folder used by the services holds only 0600 files in 0700 folders', async () => {
    const { ctx, close } = await openNodeServices({
      dataFolder: folder.path,
      passphrase: 'pass phrase',
      clock: new FakeClock(),
    })
    await ctx.secrets.set('company/a/token/1', 'x')
    await ctx.certificateFiles.write(id, 'pem')
    ctx.preferences.update({ language: 'en' })
    await close()

    const names = filesUnder(folder.path).map(({ path }) => path.slice(folder.path.length + 1))
    expect(names).toEqual(
      expect.arrayContaining([
        secretsFileName,
        'settings.json',
        join('logs', 'main.log'),
        join('certificates', `${id}.pem`),
      ]),
    )
    for (const { path } of filesUnder(folder.path))
      expect([path, mode(path)]).toEqual([path, 0o600])
    for (const sub of ['', 'logs', 'certificates']) expect(mode(join(folder.path, sub))).toBe(0o700)
  })
})
