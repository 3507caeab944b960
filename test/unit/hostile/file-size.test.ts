// Issue 13, "Vague answers": a file over the size limit is FILE_TOO_LARGE, naming the limit, not
// "request malformed"; and it is refused before its base64 is checked.
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { memoryContext } from '../../support/memory-context'

const companyId = '00000000-0000-4000-8000-000000000000'

async function importing(base64: string) {
  const { ctx } = await memoryContext()
  return createDispatch(handlers, ctx)('certificates:import', {
    companyId,
    files: { pkcs12: { name: 'big.p12', base64 } },
    password: '',
  })
}

describe('file size', () => {
  it('refuses a file over 1 MiB as FILE_TOO_LARGE with the limit', async () => {
    expect(await importing('A'.repeat(1_400_004))).toEqual({
      ok: false,
      error: {
        code: 'FILE_TOO_LARGE',
        message: 'The file is larger than 1 MiB.',
        details: { limit: '1 MiB' },
      },
    })
  })

  it('keeps INVALID_INPUT for what the page could never send: text that is not base64', async () => {
    expect(await importing('not base64!')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
