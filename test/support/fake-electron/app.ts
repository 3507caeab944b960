import { EventEmitter } from 'node:events'
import type { ShellApp } from '../../../electron/shell/shell-electron'
import { FakeEvent } from './events'
import type { FakeWindow } from './window'

/** What the fake apps of one machine share: the single-instance locks by user-data folder. */
export interface InstanceLocks {
  holders: Map<string, FakeApp>
}

export class FakeApp extends EventEmitter implements ShellApp {
  #ready = false
  readonly #whenReady: Promise<void>
  #quitting = false
  #ended = false
  #endedNotify!: () => void
  readonly #whenEnded: Promise<void>
  /** How often a quit was asked and cancelled by a before-quit listener. */
  quitsCancelled = 0
  exitCode: number | undefined
  windows: () => FakeWindow[] = () => []

  constructor(
    private readonly locks: InstanceLocks,
    private readonly userData: string,
    readonly isPackaged: boolean,
    private readonly version: string,
  ) {
    super()
    // Electron gets ready once the main script has run: here, on the next turn of the loop.
    this.#whenReady = new Promise<void>((resolve) =>
      setImmediate(() => {
        this.#ready = true
        this.emit('ready')
        resolve()
      }),
    )
    this.#whenEnded = new Promise<void>((resolve) => {
      this.#endedNotify = resolve
    })
  }

  isReady(): boolean {
    return this.#ready
  }

  whenReady(): Promise<void> {
    return this.#whenReady
  }

  /**
   * As documented: the first caller per user-data folder gets the lock; a later caller gets false
   * and the holder receives 'second-instance'.
   */
  requestSingleInstanceLock(): boolean {
    const holder = this.locks.holders.get(this.userData)
    if (holder && holder !== this) {
      holder.emit('second-instance', new FakeEvent(), ['ksef-desk'], process.cwd())
      return false
    }
    this.locks.holders.set(this.userData, this)
    return true
  }

  getPath(name: 'userData'): string {
    if (name !== 'userData') throw new Error(`The fake knows only userData, not ${String(name)}`)
    return this.userData
  }

  getVersion(): string {
    return this.version
  }

  /**
   * before-quit first (a listener's preventDefault cancels the quit); then every window closes
   * (window-all-closed is not emitted during a quit), then will-quit and quit.
   */
  quit(): void {
    if (this.#ended || this.#quitting) return
    const event = new FakeEvent()
    this.emit('before-quit', event)
    if (event.defaultPrevented) {
      this.quitsCancelled += 1
      return
    }
    this.#quitting = true
    for (const window of this.windows()) window.close()
    this.emit('will-quit', new FakeEvent())
    this.emit('quit', new FakeEvent(), 0)
    this.#end()
  }

  /** Ends at once: no events, windows not closed, as Electron's app.exit. */
  exit(code: number): void {
    this.exitCode = code
    this.#end()
  }

  isQuitting(): boolean {
    return this.#quitting
  }

  hasEnded(): boolean {
    return this.#ended
  }

  /** Resolves when the app has quit or exited. */
  whenEnded(): Promise<void> {
    return this.#whenEnded
  }

  #end(): void {
    this.#ended = true
    if (this.locks.holders.get(this.userData) === this) this.locks.holders.delete(this.userData)
    this.#endedNotify()
  }
}
