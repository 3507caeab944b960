import { useTranslation } from 'react-i18next'
import type { Company } from '../../../../shared/domain/company'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useCompanies } from '../../store/companies'

export function RemoveCompanyDialog({
  company,
  onClose,
}: {
  company: Company
  onClose: () => void
}) {
  const { t } = useTranslation()
  const remove = useCompanies((state) => state.remove)
  return (
    <ConfirmDialog
      title={t('removeCompany.title', { name: company.name })}
      body={t('removeCompany.body')}
      confirmLabel={t('removeCompany.confirm')}
      onConfirm={() => remove(company.id)}
      onClose={onClose}
    />
  )
}
