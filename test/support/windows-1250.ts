// Text as Excel on a Polish Windows saves a CSV: Windows-1250. The byte of each character comes
// from the platform's own decoder, so the tests do not carry a code page table of their own.
const decoder = new TextDecoder('windows-1250')
const byteOf = new Map(
  Array.from({ length: 256 }, (_, byte) => [decoder.decode(Uint8Array.of(byte)), byte] as const),
)

export function windows1250(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const byte = byteOf.get(char)
      if (byte === undefined) throw new Error(`${char} has no Windows-1250 byte`)
      return byte
    }),
  )
}
