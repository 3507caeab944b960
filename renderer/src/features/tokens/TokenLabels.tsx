import Chip from '@mui/material/Chip'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { KsefTokenStatus, TokenPermission } from '../../../../shared/domain/credentials'
import { permissionOrder } from './token-permissions'

const statusColors: Record<KsefTokenStatus, 'default' | 'success' | 'warning' | 'error' | 'info'> =
  { Pending: 'info', Active: 'success', Revoking: 'warning', Revoked: 'default', Failed: 'error' }

/** A token's status in KSeF in plain words; null when KSeF was never asked about it. */
export function TokenStatusChip({
  status,
  testId,
}: {
  status: KsefTokenStatus | null
  testId: string
}) {
  const { t } = useTranslation()
  return (
    <Chip
      size="small"
      variant={status === 'Active' ? 'filled' : 'outlined'}
      color={status ? statusColors[status] : 'default'}
      label={t(`tokens.status.${status ?? 'unknown'}`)}
      data-status={status ?? 'unknown'}
      data-testid={testId}
      sx={{ maxWidth: '100%' }}
    />
  )
}

/** The token's permissions by their Polish (or English) names, in the MF form's order. */
export function PermissionNames({ permissions }: { permissions: readonly TokenPermission[] }) {
  const { t } = useTranslation()
  if (permissions.length === 0) return null
  const names = permissionOrder
    .filter((permission) => permissions.includes(permission))
    .map((permission) => t(`tokens.permission.${permission}`))
  return (
    <Typography variant="caption" color="text.secondary" component="div" data-testid="permissions">
      {names.join(', ')}
    </Typography>
  )
}
