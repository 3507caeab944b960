import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FolderFileSaver } from '../../../electron/files/folder-file-saver'
import { noFileSaver } from '../../../electron/files/file-saver'
import { tempFolder } from '../../support/temp-folder'

const folder = tempFolder('ksef-desk-saver-')
afterAll(() => folder.remove())

const files = [
  { name: 'a.crt', bytes: Buffer.from('certificate') },
  { name: 'a.key', bytes: Buffer.from('key'), mode: 0o600 },
]

describe('FolderFileSaver (the CLI’s --out DIR)', () => {
  it('creates the folder when missing and writes each file, the key owner-only', async () => {
    const out = join(folder.path, 'new', 'deeper')
    expect(await new FolderFileSaver(out).save(files)).toEqual([
      { name: 'a.crt', saved: true, location: join(out, 'a.crt') },
      { name: 'a.key', saved: true, location: join(out, 'a.key') },
    ])
    expect(readFileSync(join(out, 'a.crt'), 'utf8')).toBe('certificate')
    expect(statSync(join(out, 'a.key')).mode & 0o777).toBe(0o600)
  })

  it('writes nothing when one of the files is there already', async () => {
    const out = join(folder.path, 'taken')
    mkdirSync(out)
    writeFileSync(join(out, 'a.key'), 'the user’s own file')
    await expect(new FolderFileSaver(out).save(files)).rejects.toMatchObject({
      code: 'FILE_EXISTS',
      details: { name: 'a.key', folder: out },
    })
    expect(readdirSync(out)).toEqual(['a.key'])
    expect(readFileSync(join(out, 'a.key'), 'utf8')).toBe('the user’s own file')
  })

  it('says FILE_SAVE_FAILED when the folder cannot be made or written', async () => {
    const blocker = join(folder.path, 'a-file')
    writeFileSync(blocker, '')
    await expect(new FolderFileSaver(join(blocker, 'out')).save(files)).rejects.toMatchObject({
      code: 'FILE_SAVE_FAILED',
    })
  })

  it('takes back the files written before one that fails', async () => {
    const out = join(folder.path, 'half-way')
    const tooLong = `${'k'.repeat(300)}.key`
    await expect(
      new FolderFileSaver(out).save([files[0]!, { name: tooLong, bytes: Buffer.from('key') }]),
    ).rejects.toMatchObject({ code: 'FILE_SAVE_FAILED', details: { reason: 'ENAMETOOLONG' } })
    expect(readdirSync(out)).toEqual([])
  })

  it('refuses a name with a folder in it', async () => {
    const out = join(folder.path, 'names')
    for (const name of ['../escape.crt', 'sub/a.crt', '.hidden', '']) {
      await expect(
        new FolderFileSaver(out).save([{ name, bytes: Buffer.from('x') }]),
      ).rejects.toMatchObject({ code: 'INTERNAL' })
    }
    expect(existsSync(join(folder.path, 'escape.crt'))).toBe(false)
  })
})

describe('noFileSaver', () => {
  it('refuses plainly where no place to save was given', async () => {
    await expect(noFileSaver.save(files)).rejects.toMatchObject({
      code: 'FILE_DESTINATION_MISSING',
    })
  })
})
