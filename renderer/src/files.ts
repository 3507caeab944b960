import type { FilePayload } from '../../shared/domain/credentials'
import { api } from './api'

/** A file the user picked, as the contract carries it: its name and its bytes in base64. */
export async function readFilePayload(file: File): Promise<FilePayload> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return { name: file.name, base64: btoa(binary) }
}

/** Hands text to the browser as a download: Electron asks where to save it, a browser saves it. */
export function offerDownload(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/**
 * Where main offers a file as a download (the sandbox's file-saving port; the desktop app writes
 * files itself and never offers one): the browser fetches it once from main, so its bytes — an
 * exported key — never pass through the page. Started once, at boot.
 */
export function downloadFilesMainOffers(): () => void {
  return api.on('files:download', ({ name, url }) => {
    const link = document.createElement('a')
    link.href = url
    link.download = name
    link.click()
  })
}
