import { parentPort, workerData } from 'node:worker_threads';
import { SharedFingerprintTable } from '../../checker/parallel/shared-table.ts';
import { stressFingerprint } from './stress-fingerprints.ts';

/*
 * A thread of the shared table's contention test (bundled by the test): for
 * each round, waits until every thread has arrived (a barrier on `arrive`),
 * then inserts the same `count` fingerprints as every other thread into that
 * round's tiny table, starting at a different point of the list (so that
 * threads race for the same slots with the same and with different
 * fingerprints), and adds the number it found new to `fresh[round]`.
 * With `owned`, it inserts only the fingerprints it owns (index `i` with
 * `i % threads === index`, as a commit thread inserts only its partition's),
 * each twice, with `insertOwned`, racing the others for the same slots; a
 * second insertion found new counts as 1000 (a fingerprint stored twice).
 */
const { tables, count, threads, index, arrive, fresh, owned } = workerData as {
  tables: SharedArrayBuffer[];
  count: number;
  threads: number;
  index: number;
  arrive: Int32Array;
  fresh: Int32Array;
  owned: boolean;
};

for (let round = 0; round < tables.length; round++) {
  const target = (round + 1) * threads;
  let seen = Atomics.add(arrive, 0, 1) + 1;
  if (seen === target) Atomics.notify(arrive, 0);
  // Spin first, so that the threads start the round together; sleep when a thread is held up (more threads than cores).
  for (let spin = 0; seen < target; spin++) {
    if (spin > 2000) Atomics.wait(arrive, 0, seen, 1);
    seen = Atomics.load(arrive, 0);
  }
  const table = new SharedFingerprintTable(tables[round]!);
  let n = 0;
  const start = (index * 3) % count;
  for (let j = 0; j < count; j++) {
    const i = (start + j) % count;
    const [hi, lo] = stressFingerprint(i);
    if (!owned) {
      if (table.insert(hi, lo)) n++;
    } else if (i % threads === index) {
      if (table.insertOwned(hi, lo)) n++;
      if (table.insertOwned(hi, lo)) n += 1000;
    }
  }
  Atomics.add(fresh, round, n);
}
parentPort!.postMessage('done');
