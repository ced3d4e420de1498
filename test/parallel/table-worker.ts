import { parentPort, workerData } from 'node:worker_threads';
import { SharedFingerprintTable } from '../../checker/parallel/shared-table.ts';

/*
 * A thread of the shared table's stress test (bundled by the test): inserts
 * the fingerprints `first .. first + count` of `fingerprintOf`, all threads
 * starting together, and reports how many it found new.
 */
const { buffer, first, count, start } = workerData as { buffer: SharedArrayBuffer; first: number; count: number; start: Int32Array };
const table = new SharedFingerprintTable(buffer);
Atomics.wait(start, 0, 0);
let fresh = 0;
for (let i = first; i < first + count; i++) {
  // Spread over the table, with the high words that mark slot states (0 and 0xffffffff) among them.
  const hi = i % 1000 === 0 ? 0 : i % 1000 === 1 ? 0xffffffff : Math.imul(i, 0x9e3779b1) >>> 0;
  if (table.insert(hi, i)) fresh++;
}
parentPort!.postMessage(fresh);
