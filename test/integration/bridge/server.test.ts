import { once } from 'node:events'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { Dispatch } from '../../../electron/dispatch'
import { PageBroadcast, startBridge, type RunningBridge } from '../../bridge/server'
import { tempFolder } from '../../support/temp-folder'

describe('the test bridge WebSocket', () => {
  let folder: ReturnType<typeof tempFolder>
  let bridge: RunningBridge
  const dispatched: string[] = []
  const dispatch: Dispatch = (channel, input) => {
    dispatched.push(channel)
    return Promise.resolve({ ok: true, value: { channel, input } })
  }

  beforeEach(async () => {
    folder = tempFolder()
    dispatched.length = 0
    bridge = await startBridge({
      dispatch,
      broadcast: new PageBroadcast(),
      staticFolder: folder.path,
    })
  })
  afterEach(async () => {
    await bridge.close()
    folder.remove()
  })

  const socketUrl = () => `${bridge.url.replace('http:', 'ws:')}__ksef-bridge`
  const ownOrigin = () => bridge.url.replace(/\/$/, '')

  /** The HTTP status the upgrade was answered with, or 101 when the socket opened. */
  async function upgradeStatus(origin: string | undefined): Promise<number> {
    const socket = new WebSocket(socketUrl(), origin === undefined ? {} : { origin })
    const status = await new Promise<number>((resolve, reject) => {
      socket.once('open', () => resolve(101))
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
      socket.once('error', reject)
    })
    socket.terminate()
    return status
  }

  it('accepts its own page and refuses any other origin, or none', async () => {
    expect(await upgradeStatus(ownOrigin())).toBe(101)
    expect(await upgradeStatus('https://evil.example')).toBe(401)
    expect(await upgradeStatus('http://localhost:1')).toBe(401)
    expect(await upgradeStatus(`http://127.0.0.1:${Number(new URL(bridge.url).port) + 1}`)).toBe(
      401,
    )
    expect(await upgradeStatus(undefined)).toBe(401)
    expect(dispatched).toEqual([])
  })

  it('drops malformed frames and still answers the next request', async () => {
    const socket = new WebSocket(socketUrl(), { origin: ownOrigin() })
    await once(socket, 'open')
    const answers: unknown[] = []
    socket.on('message', (data: Buffer) => answers.push(JSON.parse(data.toString('utf8'))))

    for (const garbage of ['not json', '{"id": 1}', '{"channel": "app:status"}', '[]', 'null']) {
      socket.send(garbage)
    }
    socket.send(Buffer.from([0xff, 0x00, 0x13]))
    socket.send(JSON.stringify({ id: 7, channel: 'app:status' }))

    await expect.poll(() => answers).toHaveLength(1)
    expect(answers[0]).toEqual({
      type: 'result',
      id: 7,
      envelope: { ok: true, value: { channel: 'app:status' } },
    })
    expect(dispatched).toEqual(['app:status'])
    socket.terminate()
  })
})
