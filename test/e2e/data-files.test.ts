import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { settingsFilePath } from '../../electron/vault/conf-settings-store'
import { secretsFileName } from '../../electron/vault/sealed-file-secret-store'
import { tempFolder } from '../support/temp-folder'
import { openApp, type E2eApp } from './support/app'

// A data file that does not open is never moved without the user's word: the banner says what is
// wrong and offers the one thing to do, behind a confirmation.

describe('a data file that does not open, in the browser', () => {
  const opened: { app: E2eApp; folder: ReturnType<typeof tempFolder> }[] = []
  afterEach(async () => {
    for (const { app, folder } of opened.splice(0)) {
      await app.close()
      folder.remove()
    }
  })

  async function appOver(prepare: (folder: string) => void): Promise<E2eApp> {
    const folder = tempFolder('ksef-desk-e2e-data-files-')
    prepare(folder.path)
    const app = await openApp({ dataFolder: folder.path })
    opened.push({ app, folder })
    return app
  }

  it('keeps a settings file that does not open until the user moves it aside', async () => {
    const { page, dataFolder } = await appOver((folder) =>
      writeFileSync(settingsFilePath(folder), '{"companies": ['),
    )
    const button = page.getByTestId('set-aside-settings')
    await expect
      .poll(() => button.textContent())
      .toBe('Przenieś plik ustawień na bok i zacznij od nowa')
    expect(readFileSync(settingsFilePath(dataFolder), 'utf8')).toBe('{"companies": [')

    await button.click()
    await page.getByRole('button', { name: 'Przenieś i zacznij od nowa' }).click()
    await expect.poll(() => page.getByTestId('notices').count()).toBe(0)
    const asides = readdirSync(dataFolder).filter((name) => name.includes('.corrupt-'))
    expect(asides).toHaveLength(1)
    expect(readFileSync(`${dataFolder}/${asides[0] ?? ''}`, 'utf8')).toBe('{"companies": [')
  })

  it('offers to start afresh when the secrets file is empty (power lost while it was written)', async () => {
    const { page, dataFolder } = await appOver((folder) =>
      writeFileSync(`${folder}/${secretsFileName}`, ''),
    )
    await expect.poll(() => page.getByTestId('reset-secrets').isVisible()).toBe(true)
    expect(existsSync(`${dataFolder}/${secretsFileName}`)).toBe(true)
    await page.getByTestId('reset-secrets').click()
    await page.getByRole('button', { name: 'Przenieś i zacznij od nowa' }).click()
    await expect.poll(() => page.getByTestId('notices').count()).toBe(0)
  })
})
