/** The `i`-th fingerprint of the shared table's contention test: high words crowded into a few slots (0 and 0xffffffff, which mark slot states, among them), low words distinct, one of them 0 (which `insertOwned` confirms atomically). */
export function stressFingerprint(i: number): [number, number] {
  const hi = i % 7 === 0 ? 0 : i % 7 === 1 ? 0xffffffff : (Math.imul(i >>> 2, 0x9e3779b1) >>> 0) & 0xf0000000;
  return [hi, i === 3 ? 0 : i * 2 + 1];
}
