import MoreVertIcon from '@mui/icons-material/MoreVert'
import Box from '@mui/material/Box'
import IconButton from '@mui/material/IconButton'
import LinearProgress from '@mui/material/LinearProgress'
import ListItemIcon from '@mui/material/ListItemIcon'
import ListItemText from '@mui/material/ListItemText'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Radio from '@mui/material/Radio'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface CredentialColumn<Row> {
  id: string
  header: ReactNode
  cell: (row: Row) => ReactNode
  /** 'checkbox' for the narrow Domyślny column. */
  padding?: 'checkbox' | 'normal'
  align?: 'left' | 'right' | 'center'
  /** A fixed width (the table lays out fixed, so it fits its panel); unset columns share the rest. */
  width?: number | string
  /** Hidden when the window is narrower than this breakpoint; put what matters elsewhere too. */
  hideBelow?: 'md' | 'lg' | 'xl'
}

export interface CredentialAction {
  id: string
  label: string
  icon: ReactNode
  onClick: () => void
  disabled?: boolean
  /** An icon button on the row itself; the other actions are in the row's ⋮ menu. */
  inline?: boolean
  /** Destroys or ends something (Unieważnij, Usuń): red in the menu. */
  danger?: boolean
  testId: string
}

export interface CredentialTableProps<Row> {
  title: string
  /** Beside the title: refresh buttons, when the list was last read. */
  toolbar?: ReactNode
  rows: readonly Row[]
  rowKey: (row: Row) => string
  columns: readonly CredentialColumn<Row>[]
  /** The actions of a row, in the order shown; none → no actions column. */
  actions?: (row: Row) => CredentialAction[]
  /** Shown instead of the table when there are no rows. */
  empty: string
  /** The rows are not read yet: a progress bar instead of `empty`. */
  loading?: boolean
  /** Rows to notice (revoked, expired, failed): tinted. */
  flagged?: (row: Row) => boolean
  testIds: { table: string; row: string; empty: string }
}

/**
 * A titled table of stored credentials (certificates, tokens): columns the tab describes, a
 * Domyślny radio, row actions in a ⋮ menu. Laid out fixed so it never overflows its panel.
 */
export function CredentialTable<Row>({
  title,
  toolbar,
  rows,
  rowKey,
  columns,
  actions,
  empty,
  loading = false,
  flagged,
  testIds,
}: CredentialTableProps<Row>) {
  const { t } = useTranslation()
  const [menu, setMenu] = useState<{ anchor: HTMLElement; key: string }>()
  const menuRow = menu && rows.find((row) => rowKey(row) === menu.key)
  const menuActions = menuRow && actions ? actions(menuRow).filter((action) => !action.inline) : []
  const inlineCount = rows.reduce(
    (most, row) => Math.max(most, actions?.(row).filter((action) => action.inline).length ?? 0),
    0,
  )
  const hasMenu = rows.some((row) => actions?.(row).some((action) => !action.inline))
  const actionsWidth = (inlineCount + (hasMenu ? 1 : 0)) * 40 + 16

  return (
    <Paper variant="outlined">
      <Stack
        direction="row"
        spacing={1}
        sx={{ px: 2, pt: 1.5, pb: 0.5, alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
      >
        <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1, minWidth: 200 }}>
          {title}
        </Typography>
        {toolbar}
      </Stack>
      {rows.length === 0 && loading ? (
        <LinearProgress sx={{ m: 2 }} />
      ) : rows.length === 0 ? (
        <Typography color="text.secondary" sx={{ p: 2 }} data-testid={testIds.empty}>
          {empty}
        </Typography>
      ) : (
        <Table
          size="small"
          sx={{ tableLayout: 'fixed', width: '100%' }}
          data-testid={testIds.table}
        >
          <TableHead>
            <TableRow>
              {columns.map((column) => (
                <TableCell
                  key={column.id}
                  padding={column.padding === 'checkbox' ? 'none' : 'normal'}
                  align={column.align}
                  sx={{ width: column.width, ...hidden(column), ...headCell, ...narrow(column) }}
                >
                  {column.header}
                </TableCell>
              ))}
              {actions && actionsWidth > 16 && <TableCell sx={{ width: actionsWidth }} />}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => {
              const key = rowKey(row)
              const rowActions = actions?.(row) ?? []
              const inline = rowActions.filter((action) => action.inline)
              const inMenu = rowActions.filter((action) => !action.inline)
              return (
                <TableRow
                  key={key}
                  data-testid={testIds.row}
                  data-flagged={flagged?.(row) ? 'true' : undefined}
                  sx={flagged?.(row) ? flaggedRow : undefined}
                >
                  {columns.map((column) => (
                    <TableCell
                      key={column.id}
                      padding={column.padding === 'checkbox' ? 'none' : 'normal'}
                      align={column.align}
                      sx={{
                        ...hidden(column),
                        ...narrow(column),
                        overflowWrap: 'break-word',
                        verticalAlign: 'top',
                      }}
                    >
                      {column.cell(row)}
                    </TableCell>
                  ))}
                  {actions && actionsWidth > 16 && (
                    <TableCell align="right" sx={{ px: 0.5, verticalAlign: 'top' }}>
                      <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
                        {inline.map((action) => (
                          <Tooltip key={action.id} title={action.label}>
                            <span>
                              <IconButton
                                size="small"
                                disabled={action.disabled}
                                onClick={action.onClick}
                                aria-label={action.label}
                                color={action.danger ? 'error' : 'default'}
                                data-testid={action.testId}
                              >
                                {action.icon}
                              </IconButton>
                            </span>
                          </Tooltip>
                        ))}
                        {inMenu.length > 0 && (
                          <Tooltip title={t('common.moreActions')}>
                            <IconButton
                              size="small"
                              aria-label={t('common.moreActions')}
                              onClick={(event) => setMenu({ anchor: event.currentTarget, key })}
                              data-testid={`${testIds.row}-actions`}
                            >
                              <MoreVertIcon />
                            </IconButton>
                          </Tooltip>
                        )}
                      </Box>
                    </TableCell>
                  )}
                </TableRow>
              )
            })}
          </TableBody>
        </Table>
      )}
      <Menu
        anchorEl={menu?.anchor}
        open={menuActions.length > 0}
        onClose={() => setMenu(undefined)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        {menuActions.map((action) => (
          <MenuItem
            key={action.id}
            disabled={action.disabled}
            onClick={() => {
              setMenu(undefined)
              action.onClick()
            }}
            sx={action.danger ? { color: 'error.main' } : undefined}
            data-testid={action.testId}
          >
            <ListItemIcon sx={action.danger ? { color: 'error.main' } : undefined}>
              {action.icon}
            </ListItemIcon>
            <ListItemText>{action.label}</ListItemText>
          </MenuItem>
        ))}
      </Menu>
    </Paper>
  )
}

interface DefaultRadioProps {
  checked: boolean
  onSelect: () => void
  /** Why it is the default or cannot be (e.g. "Domyślny certyfikat typu …"). */
  help: string
  label: string
  disabled?: boolean
  testId: string
}

/** The Domyślny column's radio: one default per kind, chosen here. */
export function DefaultRadio({
  checked,
  onSelect,
  help,
  label,
  disabled,
  testId,
}: DefaultRadioProps) {
  return (
    <Tooltip title={help}>
      <span>
        <Radio
          size="small"
          checked={checked}
          disabled={disabled}
          onChange={onSelect}
          slotProps={{ input: { 'aria-label': label } }}
          data-testid={testId}
        />
      </span>
    </Tooltip>
  )
}

const headCell = { fontWeight: 600, lineHeight: 1.3, verticalAlign: 'bottom' } as const
const flaggedRow = { '& > td': { bgcolor: 'rgba(237, 108, 2, 0.06)' } } as const

/** The Domyślny column: MUI's checkbox padding would pin it at 24 px whatever width it is given. */
function narrow(column: { padding?: 'checkbox' | 'normal' }) {
  return column.padding === 'checkbox' ? { px: 0.5, py: 0.5 } : { px: 1.5 }
}

function hidden(column: { hideBelow?: 'md' | 'lg' | 'xl' }) {
  return column.hideBelow ? { display: { xs: 'none', [column.hideBelow]: 'table-cell' } } : {}
}
