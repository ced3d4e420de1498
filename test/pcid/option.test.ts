import { describe, expect, it } from 'vitest';
import { OptPcid } from '../../impl/pcid/layout.ts';
import { parseBool, parseBoolean, parsePcid } from '../../impl/pcid/option.ts';
import { ACCEPTED_SPELLINGS, pcidPolicyOf } from '../../spec/pcid/option.ts';
import { PcidPolicy } from '../../spec/pcid/types.ts';

const TRUE = ['1', 'yes', 'on', 'true', 'enable'];
const FALSE = ['0', 'no', 'off', 'false', 'disable'];
const POLICY = { [OptPcid.off]: PcidPolicy.never, [OptPcid.all]: PcidPolicy.all, [OptPcid.xpti]: PcidPolicy.xptiOnly, [OptPcid.noXpti]: PcidPolicy.nonXptiOnly } as const;

describe('the pcid= option', () => {
  it.each(TRUE)('accepts the boolean %s as "all 64-bit PV domains"', (s) => expect(parsePcid(s)).toEqual({ ok: true, value: OptPcid.all }));
  it.each(FALSE)('accepts the boolean %s as "never"', (s) => expect(parsePcid(s)).toEqual({ ok: true, value: OptPcid.off }));
  it.each(['xpti', ...TRUE.map((b) => `xpti=${b}`)])('accepts %s as "only XPTI domains"', (s) => expect(parsePcid(s)).toEqual({ ok: true, value: OptPcid.xpti }));
  it.each(['no-xpti', ...FALSE.map((b) => `xpti=${b}`)])('accepts %s as "only non-XPTI domains"', (s) => expect(parsePcid(s)).toEqual({ ok: true, value: OptPcid.noXpti }));

  it.each(['noxpti', 'no-xpti=1', 'xpti=', 'xpti=maybe', 'xptix', 'TRUE', 'On', '', ' 1', 'no-', 'yes '])(
    'rejects %j with -EINVAL and a message naming the accepted forms',
    (s) => {
      const r = parsePcid(s);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.rc).toBe(-22);
        expect(r.error).toContain(`pcid=${s}:`);
        expect(r.error).toMatch(/xpti=<boolean>/);
      }
    },
  );

  it('agrees with the reference’s table of spellings on every accepted and a sample of rejected inputs', () => {
    for (const s of [...ACCEPTED_SPELLINGS, 'noxpti', 'xpti=2', 'no-xpti=0', 'Xpti', 'xpti=on ']) {
      const impl = parsePcid(s);
      expect(impl.ok ? POLICY[impl.value] : undefined).toBe(pcidPolicyOf(s));
    }
    expect(ACCEPTED_SPELLINGS).toHaveLength(22);
  });

  it('follows Xen’s parse_boolean: a no- prefix only on the bare name, -2 for a matched name with a bad value', () => {
    expect(parseBoolean('xpti', 'no-xpti=1')).toBe(-1);
    expect(parseBoolean('xpti', 'xpti=2')).toBe(-2);
    expect(parseBoolean('xpti', 'pcid')).toBe(-1);
    expect(parseBool('enable')).toBe(1);
    expect(parseBool('enabled')).toBe(-1);
  });
});
