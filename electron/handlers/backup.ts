import type { Handler } from './context'

export const backupHandlers: {
  'backup:create': Handler<'backup:create'>
  'backup:preview': Handler<'backup:preview'>
  'backup:restore': Handler<'backup:restore'>
} = {
  'backup:create': ({ passphrase }, ctx) => ctx.backup.create(passphrase),
  'backup:preview': ({ file, passphrase }, ctx) =>
    ctx.backup.preview({ name: file.name, bytes: Buffer.from(file.base64, 'base64') }, passphrase),
  'backup:restore': ({ previewId, resolutions }, ctx) => ctx.backup.restore(previewId, resolutions),
}
