// `backup create` / `backup restore`: Kopia zapasowa from a terminal, through the same handlers
// (and the same checks and refusals) as the window's dialog.
import {
  preferencesConflictKey,
  type BackupPreview,
  type BackupRestoreResult,
  type ConflictResolution,
} from '../../shared/domain/backup'
import { AppError } from '../../shared/ipc/errors'
import type { FileSaver } from '../files/file-saver'
import type { CliCommand } from './command'
import { dataFolderHelp, dataFolderOptions, dataFolderUsage, withDataFolder } from './data-folder'
import type { CliIo } from './io'
import { oneOf, requiredSecret, requiredString, secretOptions } from './options'

/** The backup goes to the path the user gave, the owner's alone (0600): it holds every key. */
const backupAt = (path: string, io: CliIo, overwrite: boolean): FileSaver => ({
  save: (files) =>
    Promise.resolve(
      files.map((file) => {
        io.writeFile(path, Buffer.from(file.bytes), { secret: true, overwrite })
        return { name: file.name, saved: true, location: io.resolvePath(path) }
      }),
    ),
})

const backupCreate: CliCommand = {
  path: ['backup', 'create'],
  summary: 'seal every company, identity, certificate, key, token and setting in one file',
  usage: `--out FILE (--passphrase-file F | --passphrase P) [--force] ${dataFolderUsage}`,
  help:
    'Writes one file sealed with the passphrase (scrypt, AES-256-GCM): the companies, their\n' +
    'certificates with their keys, tokens and pending certificate requests, the identities and\n' +
    'whom they log in, and the settings. Sessions are not in it. The passphrase has at least 12\n' +
    'characters; --passphrase-file reads its first line, which keeps it out of shell history.\n' +
    '`backup restore` reads the file into another data folder. --force replaces an existing file.\n\n' +
    dataFolderHelp,
  options: {
    out: { type: 'string' },
    force: { type: 'boolean' },
    ...secretOptions('passphrase'),
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const path = requiredString(values, 'out')
    const passphrase = requiredSecret(values, 'passphrase', io)
    const overwrite = values.force === true
    if (!overwrite && io.exists(path)) {
      throw new AppError(
        'FILE_EXISTS',
        `${path} exists already; nothing was written (use --force to replace it).`,
        { path },
      )
    }
    return withDataFolder(
      values,
      io,
      async ({ call }) => {
        const saved = await call('backup:create', { passphrase })
        return { text: `Backup written to ${saved[0]?.location ?? path}.`, json: saved }
      },
      { fileSaver: backupAt(path, io, overwrite) },
    )
  },
}

function previewText(preview: BackupPreview): string {
  const lines = [
    `Backup of ${preview.createdAt} (KSeF Desk ${preview.appVersion}): ${preview.companies.length} companies, ${preview.identities.length} identities, ${preview.certificates} certificates, ${preview.tokens} tokens.`,
    ...preview.companies.map(
      (c) =>
        `  ${c.identifier.value} ${c.environment} "${c.name}": ${c.certificates} certificates, ${c.tokens} tokens${c.identityName === null ? '' : `, identity "${c.identityName}"`}${c.existing ? ` — here already as "${c.existing.name}" (${c.companyKey})` : ''}`,
    ),
    ...preview.identities.map(
      (i) => `  identity "${i.name}"${i.alreadyHere ? ' — here already, not stored twice' : ''}`,
    ),
  ]
  if (preview.preferencesDiffer)
    lines.push(`  settings differ from this data folder's (${preferencesConflictKey})`)
  return lines.join('\n')
}

const resultText = (result: BackupRestoreResult): string =>
  `Restored: ${result.added.length} companies added, ${result.replaced.length} replaced, ${result.kept.length} kept as they were; ${result.identitiesAdded} identities added, ${result.certificates} certificates, ${result.tokens} tokens; settings ${result.preferences}.`

const backupRestore: CliCommand = {
  path: ['backup', 'restore'],
  summary: 'restore a backup into this data folder (preview with --dry-run)',
  usage: `--in FILE (--passphrase-file F | --passphrase P) [--on-conflict keep|replace] [--dry-run] ${dataFolderUsage}`,
  help:
    'Reads the backup with its passphrase and lists what comes in. A company already in the data\n' +
    'folder (the same NIP or InternalId in the same environment), and settings that differ, are\n' +
    "conflicts: --on-conflict keep leaves them as they are here, replace takes the backup's (the\n" +
    "company keeps its sessions here; its stored credentials become the backup's). Without\n" +
    '--on-conflict a backup with conflicts is refused. Everything is written at once; a wrong\n' +
    'passphrase, a changed or damaged file, or a file of a newer version changes nothing.\n' +
    '--dry-run prints the preview and restores nothing.\n\n' +
    dataFolderHelp,
  options: {
    in: { type: 'string' },
    'on-conflict': { type: 'string' },
    'dry-run': { type: 'boolean' },
    ...secretOptions('passphrase'),
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const path = requiredString(values, 'in')
    const passphrase = requiredSecret(values, 'passphrase', io)
    const onConflict: ConflictResolution | undefined =
      values['on-conflict'] === undefined
        ? undefined
        : oneOf(values, 'on-conflict', ['keep', 'replace'] as const)
    const file = { name: path, base64: io.readFile(path).toString('base64') }
    return withDataFolder(values, io, async ({ call }) => {
      const preview = await call('backup:preview', { file, passphrase })
      if (values['dry-run'] === true) {
        return {
          text: `${previewText(preview)}\n--dry-run: nothing was restored.`,
          json: preview,
        }
      }
      const resolutions = Object.fromEntries(
        onConflict === undefined ? [] : preview.conflicts.map((key) => [key, onConflict]),
      )
      const result = await call('backup:restore', { previewId: preview.previewId, resolutions })
      return { text: `${previewText(preview)}\n${resultText(result)}`, json: { preview, result } }
    })
  },
}

export const backupCommands: CliCommand[] = [backupCreate, backupRestore]
