/** Property names used by the configurations, the zoo and the tests. */
export const P = {
  hash: 'OOS hash well-formed: out_of_sync ⇔ exactly one slot at home or home + 1 holds the page; may_write ⇒ out_of_sync',
  writeProtect: 'a shadowed page table that is not may_write has no writable shadow mapping and no writable TLB entry the guest has not released',
  fixupSound: 'every writable shadow mapping of a may_write page is recorded in its fixup array',
  coherent: 'an in-sync page’s shadow entries map what its guest entries map, with no more permission',
  cr3Sync: 'after a guest CR3 write on vCPU v, none of v’s pages is out of sync',
  fixupEvict: 'a fixup eviction (write access removed without a flush)',
  hashEvict: 'a hash eviction by full resync',
  swap: 'an occupant punted into home + 1',
  repropagate: 'a full resync re-propagates a changed entry',
  demote: 'memory pressure demotes an OOS page',
} as const;

export const ALL_WITNESSES = [P.fixupEvict, P.hashEvict, P.swap, P.repropagate, P.demote] as const;
