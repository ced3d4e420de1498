import { D, dw, gw, OptPcid, type Layout } from './layout.ts';

/**
 * The `pcid=` command-line option (run-time changeable) and the per-domain
 * decision `pcid_domain_init` takes from it, mirroring Xen's boolean parsers.
 */

/** Xen's `parse_bool`: 1, 0, or -1 for a word that is no boolean. Case-sensitive, whole string. */
export function parseBool(s: string): number {
  switch (s) {
    case '1':
    case 'on':
    case 'yes':
    case 'true':
    case 'enable':
      return 1;
    case '0':
    case 'no':
    case 'off':
    case 'false':
    case 'disable':
      return 0;
    default:
      return -1;
  }
}

/**
 * Xen's `parse_boolean(name, s)`: `name` → 1, `no-name` → 0,
 * `name=<bool>` → that boolean; -2 when the name matched but the value is
 * no boolean; -1 when `s` is not about `name`.
 */
export function parseBoolean(name: string, s: string): number {
  const negated = s.startsWith('no-');
  const rest = negated ? s.slice(3) : s;
  if (!rest.startsWith(name)) return -1;
  if (rest.length === name.length) return negated ? 0 : 1;
  if (negated) return -1;
  if (rest[name.length] !== '=') return -1;
  const b = parseBool(rest.slice(name.length + 1));
  return b >= 0 ? b : -2;
}

/** -EINVAL, as `parse_pcid` returns it. */
export const EINVAL = -22;

/** The outcome of parsing a `pcid=` value: the setting, or why it was refused. */
export type PcidParse = { readonly ok: true; readonly value: OptPcid } | { readonly ok: false; readonly rc: number; readonly error: string };

/** `parse_pcid`: a boolean, or `xpti` as a boolean option of its own. */
export function parsePcid(s: string): PcidParse {
  switch (parseBool(s)) {
    case 0:
      return { ok: true, value: OptPcid.off };
    case 1:
      return { ok: true, value: OptPcid.all };
    default:
      switch (parseBoolean('xpti', s)) {
        case 0:
          return { ok: true, value: OptPcid.noXpti };
        case 1:
          return { ok: true, value: OptPcid.xpti };
        default:
          return {
            ok: false,
            rc: EINVAL,
            error: `pcid=${s}: expected a boolean (0/1, no/yes, off/on, false/true, disable/enable), xpti, no-xpti or xpti=<boolean>`,
          };
      }
  }
}

/** The run-time `pcid=` write: stores the setting, or leaves it and returns -EINVAL. */
export function setPcidOption(w: Int32Array, L: Layout, s: string): number {
  const r = parsePcid(s);
  if (!r.ok) return r.rc;
  w[gw(L, 0)] = r.value;
  return 0;
}

/** CPU features the policy depends on. */
export interface PcidFeatures {
  readonly cpuHasPcid: boolean;
  /** `use_invpcid`: INVPCID present and not disabled by its own option. */
  readonly useInvpcid: boolean;
}

/**
 * `pcid_domain_init`: for a 64-bit PV domain (every domain here), one read
 * of the option decides whether the domain uses PCID, for its lifetime.
 */
export function pcidDomainInit(w: Int32Array, L: Layout, d: number, f: PcidFeatures): void {
  w[dw(L, d, D.pcid)] = 0;
  if (!f.useInvpcid || !f.cpuHasPcid) return;
  const opt = w[gw(L, 0)]! as OptPcid;
  const xpti = w[dw(L, d, D.xpti)] === 1;
  let use: boolean;
  switch (opt) {
    case OptPcid.off:
      use = false;
      break;
    case OptPcid.all:
      use = true;
      break;
    case OptPcid.xpti:
      use = xpti;
      break;
    case OptPcid.noXpti:
      use = !xpti;
      break;
    default:
      throw new Error(`opt_pcid holds ${String(opt)}`);
  }
  w[dw(L, d, D.pcid)] = use ? 1 : 0;
}
