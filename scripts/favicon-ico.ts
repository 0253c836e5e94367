import { deflateSync } from 'node:zlib';

/**
 * /favicon.ico for clients that ask for it by that name (link unfurlers, old browsers): the same
 * "C" as favicon.svg, drawn as a 32x32 PNG inside an ICO container, at build time.
 */
const SIZE = 32;
const ACCENT = [0x0b, 0x5c, 0xad];

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Coverage (0..1) of pixel (x, y): a rounded square, with the "C" ring cut out in white. */
function pixel(x: number, y: number): [number, number, number, number] {
  const cx = x + 0.5 - 16;
  const cy = y + 0.5 - 16;
  const corner = Math.max(Math.abs(cx) - 9, 0) ** 2 + Math.max(Math.abs(cy) - 9, 0) ** 2 > 49;
  if (corner) return [0, 0, 0, 0];
  const r = Math.hypot(cx, cy);
  const angle = Math.atan2(cy, cx);
  const ring = r > 6.5 && r < 10.5 && Math.abs(angle) > 0.75;
  return ring ? [255, 255, 255, 255] : [ACCENT[0]!, ACCENT[1]!, ACCENT[2]!, 255];
}

export function faviconIco(): Buffer {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), y * (SIZE * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header.set([SIZE, SIZE, 0, 0], 6);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png]);
}
