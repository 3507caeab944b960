#!/usr/bin/env node
// The ksef-desk command: the CLI entry electron-vite builds into out/main (npm run build).
import '../out/main/cli.js'
