/** An event a listener may cancel, as Electron's are (before-quit, will-navigate, …). */
export class FakeEvent {
  defaultPrevented = false

  preventDefault(): void {
    this.defaultPrevented = true
  }
}
