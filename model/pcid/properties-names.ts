/** Property names used by the configurations, the zoo and the tests. */
export const P = {
  noFault: 'no architectural fault',
  pgePcide: 'never PGE and PCIDE together',
  ownTranslation: 'a guest access sees only its own domain’s translations, and none of Xen’s on the XPTI root',
  flushed: 'after flush_area_local(va) no stale entry for va remains in a PCID a PV context can load',
  switchClean: 'after a context switch every usable TLB entry translates as the new context’s tables do',
  toggleClean: 'after a kernel/user toggle no non-global entry of the current PCID is more permissive than the tables now loaded',
  noflushKept: 'a NOFLUSH CR3 load keeps a useful entry',
  globalReuse: 'a global entry reused across a kernel/user toggle',
  samePcid: 'two domains use the same PCID one after the other',
  fillIrqOff: 'a TLB fill inside an interrupt-off window',
  staleSeen: 'a guest sees its old translation before flushing',
  optionRejected: 'a pcid= value rejected',
} as const;
