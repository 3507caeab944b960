import type { Id } from '../../shared/domain/company'
import type { DashboardRow, DashboardView } from '../../shared/domain/dashboard'
import type { SavedFile } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import type { FileSaver } from '../files/file-saver'
import type { SettingsStore } from '../vault/settings-store'
import { dashboardCsv } from './dashboard-csv'
import { dashboardSource, dashboardView } from './dashboard-rows'

/** The Pulpit: every company's row from one read of the settings, and the view saved as CSV. */
export class Dashboard {
  constructor(
    private readonly deps: {
      settings: Pick<SettingsStore, 'read'>
      clock: Clock
      files: FileSaver
    },
  ) {}

  view(): DashboardView {
    return dashboardView(dashboardSource(this.deps.settings.read()), this.deps.clock.now())
  }

  /**
   * The rows named, in the order named (the window's view after its filter and sort). A company
   * no longer on the list refuses the whole export: the file would not be the view the user saw.
   */
  async exportCsv(companyIds: readonly Id[]): Promise<SavedFile[]> {
    const rows = new Map(this.view().rows.map((row) => [row.companyId, row]))
    const chosen = companyIds.map((id): DashboardRow => {
      const row = rows.get(id)
      if (!row) throw new AppError('COMPANY_NOT_FOUND', 'This company is no longer on the list.')
      return row
    })
    return await this.deps.files.save([{ name: 'pulpit-ksef.csv', bytes: dashboardCsv(chosen) }])
  }
}
