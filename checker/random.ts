/**
 * Seeded pseudo-random generator (xoshiro128**, seeded through splitmix32).
 * xenspec never uses Math.random: every random run prints its seed and is
 * reproduced exactly by passing the same seed again.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * The generator of stream `index` of `seed` (random walk `index` of a run
   * seeded `seed`): its four state words are murmur3-finalizer hashes of
   * (seed, index, word number), so streams of one seed, or of different
   * seeds, share no state and do not overlap trivially (for one seed and
   * indexes below 2^32 each word is a bijection of the index, so any two
   * streams differ in each of the four words), and stream `index` is the same whichever
   * thread draws it and whatever was drawn before.
   * `index` is a whole number below 2^53.
   */
  static stream(seed: number, index: number): Random {
    const lo = index >>> 0;
    const hi = Math.floor(index / 4294967296) >>> 0;
    const word = (k: number): number => fmix32((fmix32((fmix32((seed ^ Math.imul(k, 0x9e3779b9)) >>> 0) ^ lo) >>> 0) + hi) >>> 0);
    const r = new Random(seed);
    r.a = word(1);
    r.b = word(2);
    r.c = word(3);
    r.d = word(4);
    if ((r.a | r.b | r.c | r.d) === 0) r.a = 1;
    return r;
  }

  constructor(readonly seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next unsigned 32-bit value. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform integer in [0, n) for 0 < n <= 2^32 (rejection sampling, no modulo bias). */
  below(n: number): number {
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return x % n;
    }
  }
}

/** MurmurHash3's 32-bit finalizer: a bijection of 32-bit words with full avalanche. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
