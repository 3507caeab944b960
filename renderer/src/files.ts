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
 * Chromium drops download clicks that come faster than about ten a second (a batch of migration
 * requests is dozens): the offers are clicked one by one, this far apart.
 */
const downloadGapMs = 200

/**
 * Where main offers a file as a download (the sandbox's file-saving port; the desktop app writes
 * files itself and never offers one): the browser fetches it once from main, so its bytes — an
 * exported key — never pass through the page. Started once, at boot.
 */
export function downloadFilesMainOffers(): () => void {
  const queue: { name: string; url: string }[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const next = () => {
    timer = undefined
    const offer = queue.shift()
    if (!offer) return
    const link = document.createElement('a')
    link.href = offer.url
    link.download = offer.name
    link.click()
    timer = setTimeout(next, downloadGapMs)
  }
  const stop = api.on('files:download', (offer) => {
    queue.push(offer)
    if (timer === undefined) next()
  })
  return () => {
    stop()
    if (timer !== undefined) clearTimeout(timer)
    queue.length = 0
  }
}
