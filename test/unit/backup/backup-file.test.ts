import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { backupFormatVersion, openBackup, sealBackup } from '../../../electron/backup/backup-file'

const passphrase = 'Kopia biura rachunkowego 2026'
const contents = Buffer.from(JSON.stringify({ kind: 'anything', companies: ['Spółka'] }), 'utf8')

/** The file with its trailing SHA-256 made again, as someone who edits it on purpose would. */
const redigested = (file: Buffer): Buffer => {
  const body = file.subarray(0, file.length - 32)
  return Buffer.concat([body, createHash('sha256').update(body.subarray(16)).digest()])
}

const flipped = (file: Buffer, at: number): Buffer => {
  const copy = Buffer.from(file)
  copy[at] = (copy[at] ?? 0) ^ 0x01
  return copy
}

// The app's cost once; a lower one, which the header names as well, for the other cases.
const quick = { log2N: 10, r: 8, p: 1 }

describe('the sealed backup file', async () => {
  const sealed = await sealBackup(contents, passphrase, quick)

  it("opens with its passphrase, and names its format, the app's cost, salt and nonce in the header", async () => {
    const made = await sealBackup(contents, passphrase)
    expect(await openBackup(made, passphrase)).toEqual(contents)
    expect(made.subarray(0, 16).toString('ascii')).toBe('KSeF Desk backup')
    expect(made.readUInt16BE(16)).toBe(backupFormatVersion)
    expect([...made.subarray(18, 22)]).toEqual([1, 16, 8, 1])
    expect(await openBackup(sealed, passphrase)).toEqual(contents)
    // A fresh salt and nonce every time: the same contents never seal to the same bytes.
    const again = await sealBackup(contents, passphrase, quick)
    expect(again.subarray(22, 50).equals(sealed.subarray(22, 50))).toBe(false)
    expect(sealed.includes(Buffer.from('Spółka'))).toBe(false)
  })

  it('refuses a wrong passphrase as such', async () => {
    await expect(openBackup(sealed, 'Kopia biura rachunkowego 2025')).rejects.toMatchObject({
      code: 'BACKUP_WRONG_PASSPHRASE',
      details: undefined,
    })
  })

  it('refuses one byte changed anywhere as a changed file, before any key is derived', async () => {
    const places = {
      magic: 3,
      version: 17,
      kdf: 18,
      cost: 19,
      salt: 30,
      nonce: 40,
      keyCheck: 60,
      ciphertext: 90,
      tag: sealed.length - 40,
      digest: sealed.length - 1,
    }
    for (const [place, at] of Object.entries(places)) {
      await expect(openBackup(flipped(sealed, at), passphrase), place).rejects.toMatchObject({
        code: 'BACKUP_CORRUPT',
      })
    }
    await expect(
      openBackup(sealed.subarray(0, sealed.length - 1), passphrase),
    ).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' })
    await expect(openBackup(sealed.subarray(0, 40), passphrase)).rejects.toMatchObject({
      code: 'BACKUP_CORRUPT',
    })
  })

  it('still refuses a change whose digest was made again: the header and ciphertext are authenticated', async () => {
    await expect(openBackup(redigested(flipped(sealed, 90)), passphrase)).rejects.toMatchObject({
      code: 'BACKUP_CORRUPT',
    })
    // The nonce is in the additional data: changing it fails authentication too.
    await expect(openBackup(redigested(flipped(sealed, 40)), passphrase)).rejects.toMatchObject({
      code: 'BACKUP_CORRUPT',
    })
    // A changed salt makes another key: the key check says so, and nothing is read.
    await expect(openBackup(redigested(flipped(sealed, 30)), passphrase)).rejects.toMatchObject({
      code: 'BACKUP_WRONG_PASSPHRASE',
    })
  })

  it('tells a file that is not a backup, and a backup of a newer format', async () => {
    for (const other of [
      Buffer.alloc(0),
      Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'),
      Buffer.from('KSeF Desk backu'),
    ]) {
      await expect(openBackup(other, passphrase)).rejects.toMatchObject({
        code: 'BACKUP_NOT_A_BACKUP',
      })
    }
    const newer = Buffer.from(sealed)
    newer.writeUInt16BE(backupFormatVersion + 1, 16)
    await expect(openBackup(redigested(newer), passphrase)).rejects.toMatchObject({
      code: 'BACKUP_NEWER_VERSION',
      details: { formatVersion: backupFormatVersion + 1, supportedVersion: backupFormatVersion },
    })
  })

  it('refuses a file that asks for a key derivation costlier than any backup of this app, before deriving', async () => {
    const costly = Buffer.from(sealed)
    costly.writeUInt8(30, 19)
    await expect(openBackup(redigested(costly), passphrase)).rejects.toMatchObject({
      code: 'KDF_COST_TOO_HIGH',
    })
  })
})
