import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { findSubsystem } from '../cli/options.ts';
import { commitPartition, LevelWorker, type LevelJob } from './expand.ts';
import type { ModelRef } from './helpers.ts';
import { CTL } from './layout.ts';
import { SharedFingerprintTable } from './shared-table.ts';

/*
 * Entry point of a helper thread of parallel exploration (bundled as
 * dist/explore-worker.mjs): builds its own model instance by name, then
 * serves phases (expand a level's chunks; commit a partition of the
 * candidates) until told to exit. See `Helpers`.
 */

const { ref, port, ctl } = workerData as { ref: ModelRef; port: MessagePort; ctl: Int32Array };

function done(reply: unknown): void {
  port.postMessage(reply);
  Atomics.add(ctl, CTL.done, 1);
  Atomics.notify(ctl, CTL.done);
}

let worker: LevelWorker<unknown, unknown> | undefined;
let generation = Atomics.load(ctl, CTL.generation);
try {
  const model = findSubsystem(ref.subsystem).build(ref.config, { variant: ref.variant, side: ref.side });
  worker = new LevelWorker(model);
  done({ type: 'ready' });
} catch (error) {
  done({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
while (worker !== undefined) {
  Atomics.wait(ctl, CTL.generation, generation);
  generation = Atomics.load(ctl, CTL.generation);
  const orders = receiveMessageOnPort(port)?.message as Record<string, unknown> | undefined;
  if (orders === undefined || orders.type === 'exit') break;
  if (orders.type === 'expand') {
    const job: LevelJob = {
      frontier: orders.frontier as Int32Array,
      count: orders.count as number,
      chunk: orders.chunk as number,
      table: new SharedFingerprintTable(orders.table as SharedArrayBuffer),
      decided: orders.decided as string[],
    };
    done({ type: 'expanded', ...worker.expand(job, ctl) });
  } else {
    const table = new SharedFingerprintTable(orders.table as SharedArrayBuffer);
    commitPartition(table, orders.records as Int32Array[], orders.segments as Int32Array, orders.stride as number, orders.part as number, orders.parts as number);
    done({ type: 'committed' });
  }
}
