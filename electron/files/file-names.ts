// File names made from what users typed (a certificate's name): the same name must be valid on
// Windows, macOS and Linux, so everything but letters, digits, - and _ becomes _ (Polish letters
// stay), and Windows' reserved device names get a prefix.
const reservedOnWindows = /^(con|prn|aux|nul|com\d|lpt\d)$/i
const maxStemLength = 80

export function fileNameStem(...parts: string[]): string {
  const stem = parts
    .map((part) => part.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '_'))
    .filter((part) => part.replace(/_/g, '') !== '')
    .join('_')
    .replace(/_{2,}/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, maxStemLength)
  if (stem === '') return 'plik'
  return reservedOnWindows.test(stem) ? `_${stem}` : stem
}
