// Draws build/icon.png, the icon electron-builder turns into the .icns, .ico and Linux icons: an
// invoice on a blue tile with a red seal. Drawn in code so that it can be redrawn without an image
// editor: npx tsx scripts/make-icon.ts
import { writeFileSync } from 'node:fs'
import { crc32, deflateSync } from 'node:zlib'

const size = 1024
// 4×4 samples per pixel smooth the edges.
const samplesPerAxis = 4

type Colour = readonly [number, number, number]
type Shape = { colour: Colour; contains: (x: number, y: number) => boolean }

const tile: Colour = [0x1e, 0x4f, 0x91]
const paper: Colour = [0xff, 0xff, 0xff]
const fold: Colour = [0xc5, 0xd3, 0xe8]
const ink: Colour = [0x90, 0xa4, 0xc8]
const seal: Colour = [0xd3, 0x2f, 0x2f]

function roundedRect(left: number, top: number, right: number, bottom: number, radius: number) {
  return (x: number, y: number): boolean => {
    if (x < left || x > right || y < top || y > bottom) return false
    const dx = Math.max(left + radius - x, 0, x - (right - radius))
    const dy = Math.max(top + radius - y, 0, y - (bottom - radius))
    return dx * dx + dy * dy <= radius * radius
  }
}

// The page's top-right corner is folded over along the diagonal x − y = 404.
const page = roundedRect(300, 200, 724, 824, 24)
const cornerSize = 120
const foldDiagonal = 724 - 200 - cornerSize
const inCorner = (x: number, y: number) => x >= 724 - cornerSize && y <= 200 + cornerSize

// Later shapes are painted over earlier ones.
const shapes: Shape[] = [
  { colour: tile, contains: roundedRect(64, 64, 960, 960, 180) },
  { colour: paper, contains: (x, y) => page(x, y) && !(inCorner(x, y) && x - y > foldDiagonal) },
  { colour: fold, contains: (x, y) => page(x, y) && inCorner(x, y) && x - y <= foldDiagonal },
  { colour: ink, contains: roundedRect(370, 402, 654, 438, 18) },
  { colour: ink, contains: roundedRect(370, 482, 654, 518, 18) },
  { colour: ink, contains: roundedRect(370, 562, 560, 598, 18) },
  { colour: seal, contains: (x, y) => (x - 600) ** 2 + (y - 710) ** 2 <= 70 ** 2 },
]

function pixel(px: number, py: number): [number, number, number, number] {
  const sum = [0, 0, 0, 0]
  for (let sy = 0; sy < samplesPerAxis; sy++) {
    for (let sx = 0; sx < samplesPerAxis; sx++) {
      const x = px + (sx + 0.5) / samplesPerAxis
      const y = py + (sy + 0.5) / samplesPerAxis
      const top = shapes.findLast((shape) => shape.contains(x, y))
      if (top === undefined) continue
      sum[0]! += top.colour[0]
      sum[1]! += top.colour[1]
      sum[2]! += top.colour[2]
      sum[3]! += 255
    }
  }
  const samples = samplesPerAxis * samplesPerAxis
  const alpha = sum[3]! / samples
  // Colours are averaged over the covered samples only, so edges fade out instead of darkening.
  const covered = sum[3]! / 255
  const channel = (value: number) => (covered === 0 ? 0 : Math.round(value / covered))
  return [channel(sum[0]!), channel(sum[1]!), channel(sum[2]!), Math.round(alpha)]
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const checksum = Buffer.alloc(4)
  checksum.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, checksum])
}

function png(): Buffer {
  const rowLength = 1 + size * 4
  const raw = Buffer.alloc(rowLength * size)
  for (let y = 0; y < size; y++) {
    // Each row starts with filter type 0 (none).
    raw[y * rowLength] = 0
    for (let x = 0; x < size; x++) {
      raw.set(pixel(x, y), y * rowLength + 1 + x * 4)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  // 8 bits per channel, colour type 6 (RGBA), deflate, adaptive filtering, no interlace.
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

writeFileSync(new URL('../build/icon.png', import.meta.url), png())
