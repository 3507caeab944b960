import SearchIcon from '@mui/icons-material/Search'
import InputAdornment from '@mui/material/InputAdornment'
import TextField from '@mui/material/TextField'

/** A search box of a long list: the magnifier, the words as placeholder and accessible name. */
export function SearchField({
  label,
  value,
  onChange,
  testId,
  width,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  testId: string
  /** Its own width; by default as wide as the field's box makes it. */
  width?: number
}) {
  return (
    <TextField
      size="small"
      placeholder={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      style={width === undefined ? undefined : { width }}
      slotProps={{
        htmlInput: { 'aria-label': label, 'data-testid': testId },
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        },
      }}
    />
  )
}
