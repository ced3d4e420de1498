import { describe, expect, it } from 'vitest';
import { cloneImpl, makeLayout, R_NMSG, R_REG, R_RX, R_TX, ring, ringLen, initialImpl, type ArgoImpl, type Layout } from '../../impl/argo/layout.ts';
import { CORRECT } from '../../impl/argo/quirks.ts';
import { seedUnsanitisedRx } from '../../impl/argo/variants/seed-unsanitised-rx.ts';
import { v1EmptyRingSpace } from '../../impl/argo/variants/v1-empty-ring-space.ts';
import { argoRingbufInsert, argoRingbufPayloadSpace, decodeMessage, ringPutByte, roundUp32, sanitizeRx, unreadMessages } from '../../impl/argo/ringbuf.ts';
import { acceptsLen, payloadSpace, sanitiseRx } from '../../spec/argo/ring.ts';
import { DOMID_ANY, EAGAIN, EMSGSIZE, NO_COOKIE, type SpecRing } from '../../spec/argo/types.ts';

function oneRing(len: number): { L: Layout; s: ArgoImpl } {
  const L = makeLayout({ domainArgo: [true], rings: [{ owner: 0, port: 1, partner: DOMID_ANY, capacity: len, len }], maxPending: 1, maxToNotify: 1, envWords: 0 });
  const s = initialImpl(L);
  expect(s.w[ring(L, 0, R_REG)]).toBe(1);
  expect(ringLen(s, L, 0)).toBe(len);
  return { L, s };
}

function withPointers(len: number, tx: number, rx: number): { L: Layout; s: ArgoImpl } {
  const x = oneRing(len);
  x.s.w[ring(x.L, 0, R_TX)] = tx;
  x.s.w[ring(x.L, 0, R_RX)] = rx | 0;
  return x;
}

const specRing = (len: number, tx: number, rx: number): SpecRing => ({
  owner: 0,
  port: 1,
  partner: DOMID_ANY,
  capacity: len,
  registered: true,
  len,
  partnerCookie: NO_COOKIE,
  tx,
  rx,
  junk: 0,
  msgs: [],
  pending: [],
});

describe('u32 rounding and rx sanitising', () => {
  it('rounds up to 16 in u32, wrapping to 0 above 0xFFFFFFF0 as C does', () => {
    expect(roundUp32(0)).toBe(0);
    expect(roundUp32(1)).toBe(16);
    expect(roundUp32(16)).toBe(16);
    expect(roundUp32(17)).toBe(32);
    expect(roundUp32(0xfffffff0)).toBe(0xfffffff0);
    expect(roundUp32(0xfffffff1)).toBe(0);
    expect(roundUp32(0xffffffff)).toBe(0);
  });

  it('sanitises unaligned, out-of-ring and huge rx values the way the spec does', () => {
    const cases: [number, number, number][] = [
      [17, 64, 32],
      [63, 64, 0],
      [64, 64, 0],
      [65, 64, 0],
      [49, 48, 0],
      [0xfffffff0, 64, 0],
      [0xfffffff1, 64, 0],
      [0xffffffff, 64, 0],
      [48, 64, 48],
    ];
    for (const [rx, len, want] of cases) {
      expect(sanitizeRx(rx, len)).toBe(want);
      expect(sanitiseRx(rx, len)).toBe(want);
    }
  });
});

describe('payload space', () => {
  it('is len − 32 for an empty ring and 0 with only 16 bytes free', () => {
    expect(argoRingbufPayloadSpace(withPointers(64, 16, 16).s, withPointers(64, 16, 16).L, 0, CORRECT)).toBe(32);
    const full = withPointers(48, 32, 0);
    expect(argoRingbufPayloadSpace(full.s, full.L, 0, CORRECT)).toBe(0);
    // The ABI corner: payload space 0, and the spec's acceptance refuses even an empty payload (insert agrees).
    expect(acceptsLen(specRing(48, 32, 0), 0)).toBe(false);
    expect(argoRingbufInsert(full.s, full.L, 0, 1, 0)).toBe(-EAGAIN);
  });

  it('agrees with the spec for every tx and a sweep of bogus rx values, pointers near 2^32 included', () => {
    const rxs = [0, 1, 15, 16, 17, 31, 32, 47, 48, 49, 63, 64, 65, 0x7fffffff, 0x80000000, 0xfffffff0, 0xfffffff1, 0xffffffff];
    for (const len of [48, 64, 96]) {
      for (let tx = 0; tx < len; tx += 16) {
        for (const rx of rxs) {
          const { L, s } = withPointers(len, tx, rx);
          const ps = argoRingbufPayloadSpace(s, L, 0, CORRECT);
          expect(ps).toBe(payloadSpace(specRing(len, tx, rx)));
          expect(ps % 16).toBe(0);
          expect(ps).toBeLessThanOrEqual(len - 32);
          // Insert accepts exactly the lengths the spec's acceptsLen does.
          for (const n of [0, 1, 15, 16, 17, len - 32, len - 31]) {
            const t = cloneImpl(s);
            expect(argoRingbufInsert(t, L, 0, 1, n) === n).toBe(acceptsLen(specRing(len, tx, rx), n));
          }
        }
      }
    }
  });

  it("goes wrong with the seed's raw rx: unaligned, or beyond the ring", () => {
    const huge = withPointers(64, 16, 0xfffffff1);
    expect(argoRingbufPayloadSpace(huge.s, huge.L, 0, seedUnsanitisedRx)).toBe(1);
    expect(argoRingbufPayloadSpace(huge.s, huge.L, 0, CORRECT)).toBe(16);
    const past = withPointers(48, 0, 49);
    expect(argoRingbufPayloadSpace(past.s, past.L, 0, seedUnsanitisedRx)).toBe(17);
    expect(argoRingbufPayloadSpace(past.s, past.L, 0, CORRECT)).toBe(16);
  });

  it('computes the i32 difference with wrap-around when the raw rx is near 2^32', () => {
    const { L, s } = withPointers(64, 48, 0xfffffff0);
    // (0xfffffff0 − 48) as i32 is −64; + len is 0; − 32 clamps to 0.
    expect(argoRingbufPayloadSpace(s, L, 0, seedUnsanitisedRx)).toBe(0);
    expect(argoRingbufPayloadSpace(s, L, 0, CORRECT)).toBe(0);
  });

  it('reports len − 16 for an empty ring in v1', () => {
    const { L, s } = withPointers(64, 0, 0);
    expect(argoRingbufPayloadSpace(s, L, 0, v1EmptyRingSpace)).toBe(48);
  });
});

describe('insert', () => {
  it('wraps the payload at the ring end and advances tx modulo len', () => {
    const { L, s } = withPointers(64, 48, 48);
    expect(argoRingbufInsert(s, L, 0, 1, 17)).toBe(17);
    expect(s.w[ring(L, 0, R_TX)]).toBe(32);
    const m = decodeMessage(s, L, 0, 48);
    expect(m).toMatchObject({ src: 1, len: 17, stamp: 3, size: 48, ok: true });
    expect(unreadMessages(s, L, 0).intact).toBe(true);
  });

  it('refuses a payload over len − 32 with -EMSGSIZE and one that would fill the ring with -EAGAIN', () => {
    const { L, s } = withPointers(48, 0, 0);
    expect(argoRingbufInsert(s, L, 0, 1, 17)).toBe(-EMSGSIZE);
    expect(argoRingbufInsert(s, L, 0, 1, 16)).toBe(16);
    expect(argoRingbufInsert(s, L, 0, 1, 0)).toBe(-EAGAIN);
    expect(s.w[ring(L, 0, R_NMSG)]).toBe(1);
  });

  it('notices an overwritten payload byte', () => {
    const { L, s } = withPointers(64, 0, 0);
    argoRingbufInsert(s, L, 0, 1, 5);
    ringPutByte(s, L, 0, 18, 0xee);
    expect(unreadMessages(s, L, 0).intact).toBe(false);
  });

  it('throws on a write outside the ring instead of dropping it', () => {
    const { L, s } = withPointers(48, 0, 0);
    expect(() => ringPutByte(s, L, 0, 48, 1)).toThrow(RangeError);
    expect(() => ringPutByte(s, L, 0, -1, 1)).toThrow(RangeError);
  });
});
