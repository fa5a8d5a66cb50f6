/**
 * The referral link as a QR code (ISO/IEC 18004), for WeChat: the link's UTF-8 bytes in byte mode,
 * error correction level M, the smallest of the 40 versions that holds them, and the mask with the
 * lowest penalty score. Only what a link needs, so the widget's on-demand encoder stays small.
 */

// Level M, versions 1-40: error-correction codewords per block, and the number of blocks.
const EC_PER_BLOCK = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28];
const BLOCKS = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];

/** Codewords a version's symbol holds (data and error correction): its modules less the fixed patterns. */
function codewords(version: number): number {
  let modules = (16 * version + 128) * version + 64;
  if (version > 1) {
    const align = (version / 7 | 0) + 2;
    modules -= (25 * align - 10) * align - 55;
    if (version > 6) modules -= 36;
  }
  return modules >> 3;
}

/** Product in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1. */
function times(a: number, b: number): number {
  let product = 0;
  for (let bit = 7; bit >= 0; bit--) {
    product = (product << 1) ^ ((product >> 7) * 0x11d);
    if ((b >> bit) & 1) product ^= a;
  }
  return product;
}

/** A block's Reed-Solomon error-correction codewords. */
function errorCorrection(data: number[], degree: number): number[] {
  // the generator polynomial (x - 2^0)(x - 2^1)...(x - 2^(degree-1)), leading 1 left out
  const generator = Array<number>(degree).fill(0);
  generator[degree - 1] = 1;
  for (let i = 0, root = 1; i < degree; i++, root = times(root, 2)) {
    for (let j = 0; j < degree; j++) generator[j] = times(generator[j]!, root) ^ (generator[j + 1] ?? 0);
  }
  const rest = Array<number>(degree).fill(0);
  for (const byte of data) {
    const factor = byte ^ rest.shift()!;
    rest.push(0);
    generator.forEach((coefficient, i) => (rest[i]! ^= times(coefficient, factor)));
  }
  return rest;
}

/** Bits of a BCH code: `value`, then its remainder by `poly` of degree `degree`. */
function bch(value: number, poly: number, degree: number): number {
  let rest = value;
  for (let i = 0; i < degree; i++) rest = (rest << 1) ^ ((rest >> (degree - 1)) * poly);
  return (value << degree) | rest;
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 == 0,
  (_, y) => y % 2 == 0,
  (x) => x % 3 == 0,
  (x, y) => (x + y) % 3 == 0,
  (x, y) => ((x / 3 | 0) + (y / 2 | 0)) % 2 == 0,
  (x, y) => (x * y) % 2 + (x * y) % 3 == 0,
  (x, y) => ((x * y) % 2 + (x * y) % 3) % 2 == 0,
  (x, y) => ((x + y) % 2 + (x * y) % 3) % 2 == 0,
];

/** The penalty of a finished symbol (the standard's four rules): the lowest one scans best. */
function penalty(grid: boolean[][]): number {
  const size = grid.length;
  let score = 0;
  let dark = 0;
  const finderLike = /(?=10111010000|00001011101)/g;
  for (let a = 0; a < size; a++) {
    let row = '';
    let column = '';
    for (let b = 0; b < size; b++) {
      row += +grid[a]![b]!;
      column += +grid[b]![a]!;
      dark += +grid[a]![b]!;
      if (a && b && grid[a]![b] == grid[a - 1]![b] && grid[a]![b] == grid[a]![b - 1] && grid[a]![b] == grid[a - 1]![b - 1]) score += 3;
    }
    for (const line of [row, column]) {
      for (const run of line.match(/0{5,}|1{5,}/g) ?? []) score += run.length - 2;
      score += 40 * (line.match(finderLike)?.length ?? 0);
    }
  }
  return score + 10 * (Math.ceil(Math.abs(dark * 20 - size * size * 10) / (size * size)) - 1);
}

/**
 * The modules of `text`'s QR code, row by row (`true` dark), without the quiet zone; `mask` (0-7)
 * picks the mask instead of the lowest penalty. Throws a RangeError for more than 2,331 bytes.
 */
export function qrModules(text: string, mask = -1): boolean[][] {
  const bytes = new TextEncoder().encode(text);
  let version = 1;
  const dataCodewords = () => codewords(version) - EC_PER_BLOCK[version - 1]! * BLOCKS[version - 1]!;
  // mode (4 bits), length (8 bits, 16 from version 10), the bytes
  while (12 + (version > 9 ? 8 : 0) + 8 * bytes.length > 8 * dataCodewords()) {
    if (++version > 40) throw new RangeError('too long for a QR code');
  }

  // The data codewords: mode 0100, the length, the bytes, a terminator, then the pad bytes.
  const bits: number[] = [];
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >> i) & 1);
  };
  put(4, 4);
  put(bytes.length, version > 9 ? 16 : 8);
  bytes.forEach((byte) => put(byte, 8));
  const capacity = dataCodewords();
  put(0, Math.min(4, capacity * 8 - bits.length));
  put(0, -bits.length & 7);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) data.push(parseInt(bits.slice(i, i + 8).join(''), 2));
  for (let pad = 0xec; data.length < capacity; pad ^= 0xec ^ 0x11) data.push(pad);

  // Split into blocks (the last ones one codeword longer), each with its error correction; interleave.
  const total = codewords(version);
  const count = BLOCKS[version - 1]!;
  const degree = EC_PER_BLOCK[version - 1]!;
  const short = count - (total % count);
  const shortData = ((total / count) | 0) - degree;
  const blocks: number[][] = [];
  const corrections: number[][] = [];
  for (let i = 0, at = 0; i < count; i++) {
    const block = data.slice(at, (at += shortData + (i < short ? 0 : 1)));
    blocks.push(block);
    corrections.push(errorCorrection(block, degree));
  }
  const stream: number[] = [];
  for (let i = 0; i <= shortData; i++) blocks.forEach((block) => i < block.length && stream.push(block[i]!));
  for (let i = 0; i < degree; i++) corrections.forEach((block) => stream.push(block[i]!));

  // The fixed patterns, marked as such so that data and masks go around them.
  const size = version * 4 + 17;
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const fixed = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const set = (x: number, y: number, dark: boolean, target = grid) => {
    target[y]![x] = dark;
    fixed[y]![x] = true;
  };
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 == 0);
    set(i, 6, i % 2 == 0);
  }
  const square = (cx: number, cy: number, reach: number, dark: (distance: number) => boolean) => {
    for (let dy = -reach; dy <= reach; dy++) {
      for (let dx = -reach; dx <= reach; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x >= 0 && y >= 0 && x < size && y < size) set(x, y, dark(Math.max(Math.abs(dx), Math.abs(dy))));
      }
    }
  };
  const far = size - 4;
  for (const [x, y] of [[3, 3], [far, 3], [3, far]] as const) square(x, y, 4, (d) => d != 2 && d != 4);
  if (version > 1) {
    const align = (version / 7 | 0) + 2;
    const step = version == 32 ? 26 : Math.ceil((version * 4 + 4) / (align * 2 - 2)) * 2;
    const centres = [6];
    for (let at = size - 7; centres.length < align; at -= step) centres.splice(1, 0, at);
    const last = size - 7;
    for (const y of centres) {
      // not where a finder is
      for (const x of centres) if (!(x == 6 && (y == 6 || y == last)) && !(x == last && y == 6)) square(x, y, 2, (d) => d != 1);
    }
  }
  if (version > 6) {
    const info = bch(version, 0x1f25, 12);
    for (let i = 0; i < 18; i++) {
      const dark = ((info >> i) & 1) == 1;
      set(size - 11 + (i % 3), (i / 3) | 0, dark);
      set((i / 3) | 0, size - 11 + (i % 3), dark);
    }
  }
  const drawFormat = (pattern: number, target = grid) => {
    // level M is 00, then the mask's number; masked with 101010000010010
    const info = bch(pattern, 0x537, 10) ^ 0x5412;
    const put = (x: number, y: number, dark: boolean) => set(x, y, dark, target);
    for (let i = 0; i < 15; i++) {
      const dark = ((info >> i) & 1) == 1;
      // around the top-left finder, and split between the other two
      if (i < 6) put(8, i, dark);
      else if (i < 8) put(8, i + 1, dark);
      else put(i == 8 ? 7 : 14 - i, 8, dark);
      if (i < 8) put(size - 1 - i, 8, dark);
      else put(8, size - 15 + i, dark);
    }
    put(8, size - 8, true);
  };
  drawFormat(0);

  // The codewords' bits, up and down two-module columns from the right (the timing column skipped).
  let bit = 0;
  for (let right = size - 1; right > 0; right -= 2) {
    if (right == 6) right = 5;
    for (let step = 0; step < size; step++) {
      const y = (right + 1) & 2 ? step : size - 1 - step;
      for (const x of [right, right - 1]) {
        if (fixed[y]![x]) continue;
        grid[y]![x] = ((stream[bit >> 3]! >> (7 - (bit & 7))) & 1) == 1;
        bit++;
      }
    }
  }

  const masked = (pattern: number) => {
    const out = grid.map((row, y) => row.map((dark, x) => dark != (!fixed[y]![x] && MASKS[pattern]!(x, y))));
    drawFormat(pattern, out);
    return out;
  };
  if (mask >= 0) return masked(mask);
  let best: boolean[][] = [];
  let lowest = Infinity;
  for (let pattern = 0; pattern < 8; pattern++) {
    const candidate = masked(pattern);
    const score = penalty(candidate);
    if (score < lowest) [best, lowest] = [candidate, score];
  }
  return best;
}
