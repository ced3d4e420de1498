import { X86_CR4, type X86Port } from './hw.ts';
import { C, contentsRestricted, cw, D, dw, fullRoot, IDLE, PCID_PV_PRIV, PCID_PV_USER, PCID_PV_XPTI, ROOT_IDLE, Va, xptiRoot, type Layout } from './layout.ts';
import { pcidDomainInit, type PcidFeatures } from './option.ts';
import type { PcidQuirks } from './quirks.ts';

/** Boot-time facts Xen's PCID code reads. */
export interface XenBoot extends PcidFeatures {
  /** XPTI is on for some class of domain (`!cpu_has_no_xpti`): flushes must cover PCIDs 2 and 3. */
  readonly xptiAnyClass: boolean;
}

/** What every impl function runs against: the state words, the CPU, and the CPU it runs on. */
export interface PcidWorld {
  w: Int32Array;
  cpu: number;
  readonly L: Layout;
  readonly hw: X86Port;
  readonly boot: XenBoot;
  readonly quirks: PcidQuirks;
}

/** A CR3 value as Xen builds it: root, PCID, and the NOFLUSH request (bit 63, never stored in CR3 itself). */
export interface Cr3Value {
  readonly root: number;
  readonly pcid: number;
  readonly noflush: boolean;
}

/** `get_pcid_bits(v, is_xpti)`: NOFLUSH | (XPTI ? 2 : 0) | (kernel ? 0 : 1). The NOFLUSH part is the caller's to apply. */
export function getPcidBits(x: PcidWorld, d: number, isXpti: boolean): number {
  const kernel = x.w[dw(x.L, d, D.kernel)] === 1;
  return (isXpti ? PCID_PV_XPTI : 0) | (kernel ? PCID_PV_PRIV : PCID_PV_USER);
}

/** `make_cr3`: v->arch.cr3 for the vCPU's current mode; PCID domains get their PCID and NOFLUSH. */
export function makeCr3(x: PcidWorld, d: number): void {
  const { w, L } = x;
  const pcid = w[dw(L, d, D.pcid)] === 1;
  w[dw(L, d, D.cr3Root)] = fullRoot(d, w[dw(L, d, D.kernel)] !== 1);
  w[dw(L, d, D.cr3Pcid)] = pcid ? getPcidBits(x, d, false) : 0;
  w[dw(L, d, D.cr3Noflush)] = pcid ? 1 : 0;
}

/**
 * Sets cpu_info->pv_cr3: this CPU's XPTI root, with the vCPU's XPTI PCID and NOFLUSH when the domain uses PCID
 * (`toggle_guest_mode` then drops NOFLUSH for a shadow-mode domain: `shadowToggle`).
 */
function setPvCr3(x: PcidWorld, d: number, shadowToggle = false): void {
  const { w, L, cpu } = x;
  const pcid = w[dw(L, d, D.pcid)] === 1;
  w[cw(L, cpu, C.pvCr3Root)] = xptiRoot(cpu);
  w[cw(L, cpu, C.pvCr3Pcid)] = pcid ? getPcidBits(x, d, true) : 0;
  w[cw(L, cpu, C.pvCr3Noflush)] = pcid && !(shadowToggle && w[dw(L, d, D.shadow)] === 1) ? 1 : 0;
}

/** `pv_guest_cr4_to_real_cr4`: PCIDE for PCID domains, else PGE unless XPTI; never both. TSD for a vTSC domain. */
export function pvGuestCr4ToRealCr4(x: PcidWorld, d: number): number {
  const { w, L } = x;
  const pcid = w[dw(L, d, D.pcid)] === 1;
  const xpti = w[dw(L, d, D.xpti)] === 1;
  let cr4 = 0;
  if (!xpti && !pcid) cr4 |= X86_CR4.PGE;
  if (pcid) cr4 |= X86_CR4.PCIDE;
  if (w[dw(L, d, D.vtsc)] === 1) cr4 |= X86_CR4.TSD;
  return cr4;
}

/** `write_cr4`: the software copy first, then the register. */
export function writeCr4(x: PcidWorld, value: number): void {
  x.w[cw(x.L, x.cpu, C.cr4)] = value;
  x.hw.movCr4(x.w, x.cpu, value);
}

/** `read_cr4`: the software copy. */
export function readCr4(x: PcidWorld): number {
  return x.w[cw(x.L, x.cpu, C.cr4)]!;
}

/**
 * `write_ptbase`'s choice of CR3 and CR4 for switching this CPU to `target`
 * (a domain's vCPU, or IDLE), stored in the operation's locals; for an XPTI
 * vCPU it also marks the per-CPU root for a copy and sets pv_cr3.
 */
export function writePtbaseValues(x: PcidWorld, target: number): void {
  const { w, L, cpu } = x;
  let cr3: Cr3Value;
  let cr4: number;
  if (target === IDLE) {
    cr3 = { root: ROOT_IDLE, pcid: 0, noflush: false };
    cr4 = (readCr4(x) & ~(X86_CR4.PCIDE | X86_CR4.TSD)) | X86_CR4.PGE;
  } else {
    cr3 = { root: w[dw(L, target, D.cr3Root)]!, pcid: w[dw(L, target, D.cr3Pcid)]!, noflush: w[dw(L, target, D.cr3Noflush)] === 1 };
    cr4 = pvGuestCr4ToRealCr4(x, target);
    if (w[dw(L, target, D.xpti)] === 1) {
      w[cw(L, cpu, C.rootPgtChanged)] = 1;
      setPvCr3(x, target);
    }
  }
  w[cw(L, cpu, C.target)] = target;
  w[cw(L, cpu, C.newRoot)] = cr3.root;
  w[cw(L, cpu, C.newPcid)] = cr3.pcid;
  w[cw(L, cpu, C.newNoflush)] = cr3.noflush ? 1 : 0;
  w[cw(L, cpu, C.newCr4)] = cr4;
}

/**
 * `toggle_guest_mode` / `_toggle_guest_pt`: flip the mode, rebuild
 * v->arch.cr3 and (XPTI) pv_cr3, and load the new CR3 — NOFLUSH for a PCID
 * domain, so global user entries and the other mode's PCID survive. No TLB
 * clock tick. In shadow mode the top level installed for the incoming mode
 * may have changed since it was last loaded, so the load (and pv_cr3)
 * drops NOFLUSH: the incoming PCID is flushed.
 */
export function toggleGuestPt(x: PcidWorld): void {
  const { w, L, cpu } = x;
  const d = w[cw(L, cpu, C.current)]!;
  const shadow = w[dw(L, d, D.shadow)] === 1;
  w[dw(L, d, D.kernel)] = w[dw(L, d, D.kernel)]! ^ 1;
  makeCr3(x, d);
  if (w[dw(L, d, D.xpti)] === 1) {
    w[cw(L, cpu, C.rootPgtChanged)] = 1;
    setPvCr3(x, d, true);
  }
  x.hw.movCr3(w, cpu, w[dw(L, d, D.cr3Root)]!, w[dw(L, d, D.cr3Pcid)]!, w[dw(L, d, D.cr3Noflush)] === 1 && !shadow);
}

/**
 * The shadow code replaces the top-level shadow of the mode `d`'s vCPU is
 * not in (log-dirty: the new one write-protects the user page), without a
 * flush: the next toggle's flushing CR3 load is what keeps the TLB right.
 */
export function shadowReplaceInactiveRoot(w: Int32Array, L: Layout, d: number): void {
  const inactiveUser = w[dw(L, d, D.kernel)] === 1;
  w[dw(L, d, D.shadowGen)] = w[dw(L, d, D.shadowGen)]! ^ (inactiveUser ? 2 : 1);
}

/**
 * Return to the guest (restore_all_guest). XPTI: copy the guest's top-level
 * entries into this CPU's root when they changed, then load pv_cr3.
 */
export function xptiExitToGuest(x: PcidWorld): void {
  const { w, L, cpu } = x;
  const d = w[cw(L, cpu, C.current)]!;
  if (w[dw(L, d, D.xpti)] === 1) {
    if (w[cw(L, cpu, C.rootPgtChanged)] === 1) {
      w[cw(L, cpu, C.xptiContents)] = contentsRestricted(d, w[dw(L, d, D.kernel)] !== 1);
      w[cw(L, cpu, C.rootPgtChanged)] = 0;
    }
    x.hw.movCr3(w, cpu, w[cw(L, cpu, C.pvCr3Root)]!, w[cw(L, cpu, C.pvCr3Pcid)]!, w[cw(L, cpu, C.pvCr3Noflush)] === 1);
  }
  w[cw(L, cpu, C.inGuest)] = 1;
}

/** Entry into Xen from the guest. XPTI: back onto the vCPU's full tables (v->arch.cr3). */
export function xptiEnterXen(x: PcidWorld): void {
  const { w, L, cpu } = x;
  const d = w[cw(L, cpu, C.current)]!;
  if (w[dw(L, d, D.xpti)] === 1) x.hw.movCr3(w, cpu, w[dw(L, d, D.cr3Root)]!, w[dw(L, d, D.cr3Pcid)]!, w[dw(L, d, D.cr3Noflush)] === 1);
  w[cw(L, cpu, C.inGuest)] = 0;
}

/** Domain creation: the policy decided from one read of the option, the vCPU in kernel mode with its CR3 built. */
export function domainCreate(x: PcidWorld, d: number): number {
  const { w, L } = x;
  w[dw(L, d, D.created)] = 1;
  pcidDomainInit(w, L, d, x.boot);
  w[dw(L, d, D.kernel)] = 1;
  makeCr3(x, d);
  return w[dw(L, d, D.pcid)]!;
}

/** The guest's mmu_update of its user page's PTE (to frame `frame`). Xen does not flush: that is the guest's request to make. */
export function mmuUpdateUserPte(x: PcidWorld, frame: number): void {
  const d = x.w[cw(x.L, x.cpu, C.current)]!;
  x.w[dw(x.L, d, D.userFrame)] = frame;
}

/** `paging_invlpg`'s guard: a non-canonical address is ignored (INVPCID would fault on it). */
export function isCanonical(va: number): boolean {
  return va !== Va.nonCanonical;
}
