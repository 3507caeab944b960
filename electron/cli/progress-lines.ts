// What a long command prints on stderr while KSeF works: one line per step, prefixed with what
// the work is ("login: ", "enroll: "), a repeated poll with the same status printed once.

export function linePrinter<P>(
  prefix: string,
  textOf: (progress: P) => string | undefined,
  write: (text: string) => void,
): (progress: P) => void {
  let last: string | undefined
  return (progress) => {
    const text = textOf(progress)
    if (text === undefined || text === last) return
    last = text
    write(`${prefix}: ${text}\n`)
  }
}
