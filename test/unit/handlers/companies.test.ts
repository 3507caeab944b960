import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { companySecretPrefix } from '../../../electron/vault/secret-store'
import type { Company } from '../../../shared/domain/company'
import { memoryContext } from '../../support/memory-context'

const draft = {
  name: '  Kowalski i Wspólnicy ',
  identifier: { type: 'Nip' as const, value: '526-587-76-35' },
  environment: 'Production' as const,
}

async function setup() {
  const harness = await memoryContext()
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
    return envelope.value as T
  }
  return { ...harness, dispatch, call }
}

describe('companies handlers', () => {
  it('adds a company normalized, stamped and announced', async () => {
    const { call, events } = await setup()
    const company = await call<Company>('companies:add', draft)
    expect(company).toMatchObject({
      name: 'Kowalski i Wspólnicy',
      identifier: { type: 'Nip', value: '5265877635' },
      environment: 'Production',
      createdAt: '2026-11-21T09:00:00.000Z',
    })
    expect(await call('companies:list')).toEqual([company])
    expect(events.emitted).toEqual([{ event: 'companies:changed', payload: [company] }])
  })

  it('refuses the same identifier twice in one environment, allows it in another', async () => {
    const { call, dispatch, ctx } = await setup()
    await call('companies:add', draft)
    expect(await dispatch('companies:add', { ...draft, name: 'Again' })).toMatchObject({
      ok: false,
      error: {
        code: 'COMPANY_DUPLICATE',
        details: { field: 'identifier', existingName: 'Kowalski i Wspólnicy' },
      },
    })
    await call('companies:add', { ...draft, environment: 'Demo' })
    expect(ctx.companies.list()).toHaveLength(2)
  })

  it('updates name and environment, keeping id and creation time', async () => {
    const { call, clock } = await setup()
    const added = await call<Company>('companies:add', draft)
    clock.advance(60_000)
    const updated = await call<Company>('companies:update', {
      ...draft,
      id: added.id,
      name: 'Nowa nazwa',
      environment: 'Test',
    })
    expect(updated).toMatchObject({
      id: added.id,
      name: 'Nowa nazwa',
      environment: 'Test',
      createdAt: added.createdAt,
    })
    expect(updated.updatedAt).toBe('2026-11-21T09:01:00.000Z')
  })

  it('rejects an invalid edit and leaves the company as it was', async () => {
    const { call, dispatch, ctx } = await setup()
    const added = await call<Company>('companies:add', draft)
    const envelope = await dispatch('companies:update', {
      ...draft,
      id: added.id,
      identifier: { type: 'Nip', value: '5265877636' },
    })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'NIP_BAD_CHECKSUM' } })
    expect(ctx.companies.list()).toEqual([added])
  })

  it('removes a company with its secrets and nobody else’s', async () => {
    const { call, secrets, ctx } = await setup()
    const first = await call<Company>('companies:add', draft)
    const second = await call<Company>('companies:add', { ...draft, environment: 'Test' })
    await secrets.set(`${companySecretPrefix(first.id)}token/1`, 'first-secret')
    await secrets.set(`${companySecretPrefix(first.id)}key/2`, 'first-key')
    await secrets.set(`${companySecretPrefix(second.id)}token/1`, 'second-secret')

    expect(await call('companies:remove', { id: first.id })).toEqual({ id: first.id })
    expect(ctx.companies.list()).toEqual([second])
    expect(await secrets.get(`${companySecretPrefix(first.id)}token/1`)).toBeUndefined()
    expect(await secrets.get(`${companySecretPrefix(first.id)}key/2`)).toBeUndefined()
    expect(await secrets.get(`${companySecretPrefix(second.id)}token/1`)).toBe('second-secret')
  })

  it('answers COMPANY_NOT_FOUND for a company that is gone', async () => {
    const { dispatch } = await setup()
    expect(
      await dispatch('companies:remove', { id: '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMPANY_NOT_FOUND' },
    })
  })
})
