#!/usr/bin/env node
// Draws the add-in icons (assets/icon-16.png, -32, -64, -80) without any image library:
// a green rounded square (Excel green) with three rising white bars, anti-aliased by
// 4x4 supersampling, written as 8-bit RGBA PNGs with node's zlib.
// Usage: node scripts/make-icons.js [outDir]   (default: assets/)
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80];
const BACKGROUND = [0x10, 0x7c, 0x41]; // #107C41
const FOREGROUND = [0xff, 0xff, 0xff];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA pixels (Uint8Array, width*height*4) as a PNG. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Shape test in unit coordinates (0..1): 0 = outside, 1 = background, 2 = bar. */
function shapeAt(u, v) {
  const r = 0.18; // corner radius
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return 0;
  const bars = [
    { x0: 0.2, x1: 0.36, top: 0.56 },
    { x0: 0.42, x1: 0.58, top: 0.4 },
    { x0: 0.64, x1: 0.8, top: 0.22 },
  ];
  const bottom = 0.8;
  for (const b of bars) if (u >= b.x0 && u < b.x1 && v >= b.top && v < bottom) return 2;
  return 1;
}

function drawIcon(size) {
  const ss = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const s = shapeAt((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (s === 1) bg++;
          else if (s === 2) fg++;
        }
      }
      const covered = bg + fg;
      const i = (y * size + x) * 4;
      if (covered === 0) continue;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round((BACKGROUND[c] * bg + FOREGROUND[c] * fg) / covered);
      rgba[i + 3] = Math.round((255 * covered) / (ss * ss));
    }
  }
  return encodePng(size, size, rgba);
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, drawIcon(size));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size})`);
  }
}

if (require.main === module) main();
module.exports = { drawIcon, encodePng, crc32, SIZES };
