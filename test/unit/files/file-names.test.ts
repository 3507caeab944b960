import { describe, expect, it } from 'vitest'
import { fileNameStem } from '../../../electron/files/file-names'

describe('fileNameStem', () => {
  it.each([
    [['Pieczęć firmy', '01F20A5D352AE590'], 'Pieczęć_firmy_01F20A5D352AE590'],
    [['biuro/księgowość: KSeF*?', '0A'], 'biuro_księgowość_KSeF_0A'],
    [['..\\..\\etc', 'AB'], 'etc_AB'],
    [['  spaces\tand\nlines  '], 'spaces_and_lines'],
    [['Certyfikat <"Zażółć">|'], 'Certyfikat_Zażółć'],
    [['CON'], '_CON'],
    [['lpt1'], '_lpt1'],
    [['***', '///'], 'plik'],
    [['-_-'], '-_-'],
  ])('makes %j into %s', (parts, stem) => {
    expect(fileNameStem(...parts)).toBe(stem)
  })

  it('keeps names short enough for every file system', () => {
    expect(fileNameStem('x'.repeat(300), 'SERIAL')).toHaveLength(80)
  })

  it('writes Polish letters in one form (NFC), as they were typed on another system', () => {
    expect(fileNameStem('Zaz\u0307o\u0301ł\u0107')).toBe('Zażółć')
  })
})
