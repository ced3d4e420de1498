import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCounterexample } from '../../checker/counterexample.ts';
import { explore } from '../../checker/explore.ts';
import { replay } from '../../checker/replay.ts';
import { W } from '../../impl/vpl011/layout.ts';
import { seedNoNotifyOnRead } from '../../impl/vpl011/variants/seed-no-notify-on-read.ts';
import { E } from '../../model/vpl011/env.ts';
import { vpl011ImplSide } from '../../model/vpl011/impl-model.ts';
import { P } from '../../model/vpl011/properties-names.ts';
import { VPL011_ZOO } from '../../model/vpl011/zoo.ts';
import { vpl011Config, vpl011Subsystem } from '../../model/vpl011/index.ts';
import { runCli as run } from '../run-cli.ts';

/** What each zoo counterexample's replay must show, beyond reproducing its property. */
const SHOWS: Record<string, readonly RegExp[]> = {
  // Both vCPUs get input byte 1: the duplicated byte.
  'vpl011/seed-indices-before-lock': [
    /v0: next step\n\s+linearizes read DR \(8-bit\): impl outcome read 0x1\n/,
    /v1: next step\n\s+linearizes read DR \(32-bit\): impl outcome read 0x1\n/,
    /spec allows: read 0x2/,
  ],
  // The DR read completed and the backend has no event coming.
  'vpl011/seed-no-notify-on-read': [/v0: read DR \(32-bit\)\n\s+linearizes read DR/, /backend event clear; produced 0; kicks owed \[\]/],
  // FR is 0 at reset with IN empty: RXFE clear over no data.
  'vpl011/fr-reset-zero': [/step 0: init #0\n\s+FR=0x0 /, /IN: prod=0xfffffffe cons=0xfffffffe bytes=\[\]/],
};

describe('vpl011 zoo counterexamples replay from their files', () => {
  for (const variant of vpl011Subsystem.variants) {
    it(`${variant.id}: check writes a counterexample for "${variant.expectedProperty}" that replay reproduces step by step`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'xenspec-vpl011-'));
      const checked = await run('check', 'vpl011', '--config', variant.config, '--variant', variant.id, '--out-dir', dir);
      expect(checked.code).toBe(1);
      const file = readdirSync(dir)
        .map((f) => join(dir, f))
        .find((f) => readCounterexample(f).property === variant.expectedProperty);
      expect(file).toBeDefined();
      const saved = readCounterexample(file!);
      expect(saved.variant).toBe(variant.id);
      const replayed = await run('replay', file!);
      expect(replayed.code).toBe(1);
      expect(replayed.err).toBe('');
      const steps = saved.actions.length - 1;
      expect(replayed.out).toContain(`reproduced: "${variant.expectedProperty}" is violated after ${steps} steps`);
      for (const shown of SHOWS[variant.id]!) expect(replayed.out).toMatch(shown);
    });
  }
});

describe('vpl011/seed-no-notify-on-read: the consequence, past the first violation', () => {
  it('reaches, on the impl side of small, a backend asleep on an IN the guest has made room in, with no event pending or coming', () => {
    // In lockstep the missing event is a divergence at the first DR read (the spec owes the kick), and a diverged
    // state has no successors; on the impl side alone, exploring past the first violation reaches the consequence.
    const cfg = vpl011Config('small');
    const side = vpl011ImplSide(cfg, seedNoNotifyOnRead);
    const r = explore(side.model, { stopOnViolation: false });
    expect(r.discoveries.find((d) => d.expectation === 'always')?.property).toBe(P.backendKick);
    const lost = r.discoveries.find((d) => d.property === P.backendWake);
    expect(lost).toBeDefined();
    const trace = replay(side.model, lost!.path);
    expect(trace.error).toBeUndefined();
    const labels = trace.steps.map((s) => s.label);
    const last = trace.steps.at(-1)!.state;
    const base = side.layout.envBase;
    // The backend filled IN and went to sleep; a DR read then took a byte and sent nothing.
    expect(labels.slice(1)).toEqual([
      'backend: produce as much as fits, publish in_prod',
      'backend: send the event (Xen runs the notification handler)',
      'backend: IN full, sleep until an event',
      'v0: read DR (32-bit)',
    ]);
    expect(last.w[base + E.ASLEEP]).toBe(1);
    expect((last.w[W.IN_PROD]! - last.w[W.IN_CONS]!) >>> 0).toBe(cfg.params.inSize - 1);
    expect(last.w[W.EVTCHN]).toBe(0);
    expect(side.model.formatState(last)).toMatch(/backend event clear;[^\n]*\n[\s\S]*backend: asleep;/);
  });
});

/** What the second consequence's replay must show, per configuration (the seed's stale in_prod: the lost interrupt). */
const ALSO_SHOWS: Record<string, readonly RegExp[]> = {
  // The backend's notification for byte 2 raised RXI and RTI and cleared RXFE (edge: MIS gained RXI, injected) …
  stale: [
    /── step 3: backend: send the event \(Xen runs the notification handler\)\n\s+FR=0x80 RIS=0x70 IMSC=0x50 shadowMIS=0x50 irq=1\n\s+IN: prod=0x0 cons=0xfffffffe bytes=\[1 2\]/,
    // … then the read, from in_prod copied before the lock, set RXFE and cleared RXI and RTI: MIS 0 with byte 2 waiting.
    /── step 4: v0: next step\n\s+FR=0x90 RIS=0x20 IMSC=0x50 shadowMIS=0x0 irq=1\n\s+IN: prod=0x0 cons=0xffffffff bytes=\[2\]/,
  ],
  'stale-level': [
    /── step 3: backend: send the event \(Xen runs the notification handler\)\n\s+FR=0x80 RIS=0x70 IMSC=0x50 shadowMIS=0x0 irq=1\n/,
    // Level: the line drops while byte 2 waits.
    /── step 4: v0: next step\n\s+FR=0x90 RIS=0x20 IMSC=0x50 shadowMIS=0x0 irq=0\n\s+IN: prod=0x0 cons=0xffffffff bytes=\[2\]/,
  ],
};

describe('vpl011 zoo second consequences replay from their files', () => {
  for (const entry of VPL011_ZOO) {
    const also = entry.also;
    if (also === undefined) continue;
    for (const config of [also.config, `${also.config}-level`]) {
      it(`${entry.id} on ${config} (${also.side} side): ${also.shows.split(':')[0]}`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'xenspec-vpl011-'));
        const side = also.side === 'impl' ? ['--only', 'impl'] : [];
        const checked = await run('check', 'vpl011', '--config', config, '--variant', entry.id, ...side, '--out-dir', dir);
        expect(checked.code).toBe(1);
        const files = readdirSync(dir).map((f) => join(dir, f));
        expect(files).toHaveLength(1);
        expect(readCounterexample(files[0]!).property).toBe(also.expectedProperty);
        const replayed = await run('replay', files[0]!, '--full');
        expect(replayed.code).toBe(1);
        expect(replayed.out).toContain(`reproduced: "${also.expectedProperty}" is violated after ${also.traceLength} steps`);
        for (const shown of ALSO_SHOWS[config]!) expect(replayed.out).toMatch(shown);
      });
    }
  }
});
