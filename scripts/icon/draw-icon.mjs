#!/usr/bin/env node
// Draws the extension icon (media/icon.png, 128×128 RGBA PNG): a dark rounded square with a
// three-stage funnel — the rows a search keeps at each stage — over a result dot. Shapes are
// signed-distance functions sampled 4×4 per pixel (anti-aliasing); the PNG is written by hand
// (IHDR, one zlib IDAT, IEND). `node scripts/icon/draw-icon.mjs [out.png]`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;

/** Distance to a rounded rectangle centred at (cx, cy) with half sizes (hw, hh) and radius r; < 0 inside. */
function roundRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

const TOP = hex('#12263f');
const BOTTOM = hex('#1d4f73');
// Stage bars, widest first: the funnel narrows as each SPL stage keeps fewer rows.
const BARS = [
  { cy: 34, hw: 42, color: hex('#3ddbc7') },
  { cy: 57, hw: 30, color: hex('#ffc145') },
  { cy: 80, hw: 18, color: hex('#ff6f61') },
];

/** Colour (RGBA, 0–255 floats) of one sample point. */
function sample(x, y) {
  if (roundRect(x, y, 64, 64, 62, 62, 26) > 0) return [0, 0, 0, 0];
  let c = mix(TOP, BOTTOM, y / SIZE);
  // A faint vertical "pipe" behind the bars, joining the stages.
  if (Math.abs(x - 64) < 3 && y > 26 && y < 104) c = mix(c, [255, 255, 255], 0.18);
  for (const b of BARS) if (roundRect(x, y, 64, b.cy, b.hw, 7.5, 7.5) <= 0) c = b.color;
  // The result: a white dot with a teal ring.
  if (circle(x, y, 64, 104, 9) <= 0) c = hex('#3ddbc7');
  if (circle(x, y, 64, 104, 5.5) <= 0) c = [255, 255, 255];
  return [...c, 255];
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const s = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
          // Premultiplied accumulation so edge pixels do not darken.
          for (let i = 0; i < 3; i++) acc[i] += s[i] * (s[3] / 255);
          acc[3] += s[3];
        }
      }
      const n = SS * SS;
      const a = acc[3] / n;
      const o = (py * SIZE + px) * 4;
      for (let i = 0; i < 3; i++) rgba[o + i] = a > 0 ? Math.round((acc[i] / n) * (255 / a)) : 0;
      rgba[o + 3] = Math.round(a);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function iconPng() {
  const rgba = render();
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // Each scanline: filter byte 0 (none), then the row.
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'media', 'icon.png');
  const png = iconPng();
  writeFileSync(out, png);
  console.log(`${out}: ${SIZE}×${SIZE} PNG, ${png.length} bytes`);
}
