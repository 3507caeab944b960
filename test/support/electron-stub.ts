throw new Error(
  "A module under test imported 'electron' or 'electron-store'. Only electron/platform/ and electron/main.ts may, and tests never load them.",
)
