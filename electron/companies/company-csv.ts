import { randomUUID } from 'node:crypto'
import type { Id } from '../../shared/domain/company'
import {
  importableDrafts,
  type CompanyImportPreview,
  type CompanyImportResult,
} from '../../shared/domain/company-import'
import type { SavedFile } from '../../shared/domain/ksef-certificates'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import type { FileSaver } from '../files/file-saver'
import type { Logger } from '../log'
import type { CompanyRepository } from '../vault/company-repository'
import { companiesCsv, companyCsvTemplate } from './csv-export'
import { previewCompanyCsv } from './csv-import'

/** Importuj firmy z CSV, the template to fill in, and the list written out as CSV. */
export class CompanyCsv {
  constructor(
    private readonly deps: {
      companies: CompanyRepository
      clock: Clock
      log: Logger
      files: FileSaver
    },
  ) {}

  preview(bytes: Uint8Array): CompanyImportPreview {
    return previewCompanyCsv(bytes, this.deps.companies.list())
  }

  /**
   * The verdicts are given again against the list as it is now (a company may have been added
   * since the preview), and every row that passes is stored in one write: all or nothing.
   */
  import(bytes: Uint8Array): CompanyImportResult {
    const preview = this.preview(bytes)
    const drafts = importableDrafts(preview)
    if (drafts.length === 0) {
      throw new AppError(
        'CSV_NOTHING_TO_IMPORT',
        'No row of the file can be added (see each row\u2019s verdict); nothing was saved.',
        { rows: preview.rows.length },
      )
    }
    const now = new Date(this.deps.clock.now()).toISOString()
    const added = drafts.map((draft) => ({
      ...draft,
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
    }))
    this.deps.companies.saveMany(added)
    this.deps.log.info('companies imported', { added: added.length, rows: preview.rows.length })
    return { added, preview }
  }

  /** The chosen companies (all when none are named), in the list's order. */
  export(companyIds?: readonly Id[]): Promise<SavedFile[]> {
    const wanted = companyIds && new Set(companyIds)
    const companies = this.deps.companies
      .list()
      .filter((company) => wanted === undefined || wanted.has(company.id))
    return this.deps.files.save([{ name: 'firmy-ksef.csv', bytes: companiesCsv(companies) }])
  }

  template(): Promise<SavedFile[]> {
    return this.deps.files.save([{ name: 'szablon-firm-ksef.csv', bytes: companyCsvTemplate() }])
  }
}
