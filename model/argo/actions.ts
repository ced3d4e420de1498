import type { ArgoConfig } from './config.ts';

/** Action kinds, in the order `actions` lists them within an actor. */
export const ARGO_ACTION_KINDS = ['start hypercall', 'next step', 'receiver consumes', 'receiver writes rx', 'destroy domain', 'create domain'] as const;
export type ArgoActionKind = (typeof ARGO_ACTION_KINDS)[number];

export const K_START = 0;
export const K_STEP = 1;
export const K_CONSUME = 2;
export const K_WRITE_RX = 3;
export const K_DESTROY = 4;
export const K_CREATE = 5;

/**
 * An action: `kind` indexes `ARGO_ACTION_KINDS`; `dom` is the domain whose
 * vCPU, receiver or lifecycle acts; `arg` is the menu index (start), the ring
 * (consume, write rx) or unused; `value` the bogus rx index (write rx).
 * Built once per configuration and reused.
 */
export interface ArgoAction {
  readonly kind: number;
  readonly dom: number;
  readonly arg: number;
  readonly value: number;
}

/** Every action of a configuration, in the fixed order `actions` filters. */
export function allActions(cfg: ArgoConfig): readonly ArgoAction[] {
  const out: ArgoAction[] = [];
  const n = cfg.domainArgo.length;
  for (let d = 0; d < n; d++) {
    cfg.menus[d]!.forEach((_, i) => out.push({ kind: K_START, dom: d, arg: i, value: 0 }));
    out.push({ kind: K_STEP, dom: d, arg: 0, value: 0 });
  }
  for (let d = 0; d < n; d++) {
    cfg.rings.forEach((r, i) => {
      if (r.owner !== d) return;
      out.push({ kind: K_CONSUME, dom: d, arg: i, value: 0 });
      cfg.bogusRx.forEach((_, v) => out.push({ kind: K_WRITE_RX, dom: d, arg: i, value: v }));
    });
  }
  for (let d = 0; d < n; d++) {
    out.push({ kind: K_DESTROY, dom: d, arg: 0, value: 0 });
    out.push({ kind: K_CREATE, dom: d, arg: 0, value: 0 });
  }
  return out;
}

/** Environment budget words kept in the state: per domain, ops left, bogus rx writes left, recreations left. */
export const ENV_PER_DOMAIN = 3;
export const E_OPS = 0;
export const E_RXW = 1;
export const E_REC = 2;
