import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined'
import EditOutlinedIcon from '@mui/icons-material/EditOutlined'
import WarningAmberIcon from '@mui/icons-material/WarningAmber'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { Company } from '../../../../shared/domain/company'
import { EnvironmentChip } from '../companies/EnvironmentChip'
import { visibleText } from '../../../../shared/domain/visible-text'

interface Props {
  company: Company
  onEdit: () => void
  onRemove: () => void
}

export function CompanyHeader({ company, onEdit, onRemove }: Props) {
  const { t } = useTranslation()
  const production = company.environment === 'Production'
  return (
    <Box
      component="header"
      data-testid="company-header"
      sx={{
        px: 3,
        py: 2,
        bgcolor: 'background.paper',
        borderBottom: 1,
        borderColor: 'divider',
        borderTop: 4,
        borderTopColor: production ? 'error.main' : 'transparent',
      }}
    >
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
            <Typography
              variant="h5"
              component="h1"
              noWrap
              title={visibleText(company.name)}
              data-testid="company-title"
            >
              {visibleText(company.name)}
            </Typography>
            <EnvironmentChip environment={company.environment} size="medium" />
          </Stack>
          <Typography
            color="text.secondary"
            sx={{ mt: 0.5 }}
            data-testid="company-identifier-label"
          >
            {t(`identifier.${company.identifier.type}`)}:{' '}
            <strong>{company.identifier.value}</strong>
            {' · '}
            {t('companyForm.environment')}: {t(`environment.${company.environment}`)}
          </Typography>
          {production && (
            <Typography
              color="error"
              variant="body2"
              sx={{ mt: 0.5, display: 'flex', alignItems: 'center', gap: 0.5 }}
            >
              <WarningAmberIcon fontSize="small" /> {t('companies.productionWarning')}
            </Typography>
          )}
        </Box>
        <Button startIcon={<EditOutlinedIcon />} onClick={onEdit} data-testid="company-edit">
          {t('companies.edit')}
        </Button>
        <Button
          color="error"
          startIcon={<DeleteOutlinedIcon />}
          onClick={onRemove}
          data-testid="company-remove"
        >
          {t('companies.remove')}
        </Button>
      </Stack>
    </Box>
  )
}
