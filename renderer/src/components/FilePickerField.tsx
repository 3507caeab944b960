import UploadFileIcon from '@mui/icons-material/UploadFile'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { FilePayload } from '../../../shared/domain/credentials'
import { readFilePayload } from '../files'

interface Props {
  label: string
  accept: string
  file: FilePayload | undefined
  onPick: (file: FilePayload) => void
  testId: string
}

/** "Certyfikat: [plik] [Wczytaj z pliku]", as in the ERP panel the users know. */
export function FilePickerField({ label, accept, file, onPick, testId }: Props) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        label={label}
        value={file?.name ?? ''}
        placeholder={t('files.none')}
        fullWidth
        size="small"
        slotProps={{ input: { readOnly: true }, inputLabel: { shrink: true } }}
      />
      <Button
        variant="outlined"
        startIcon={<UploadFileIcon />}
        onClick={() => input.current?.click()}
        sx={{ whiteSpace: 'nowrap', flexShrink: 0, height: 40 }}
      >
        {t('files.load')}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(event) => {
          const picked = event.target.files?.[0]
          event.target.value = ''
          if (picked) void readFilePayload(picked).then(onPick)
        }}
      />
    </Stack>
  )
}
