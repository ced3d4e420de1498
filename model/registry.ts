import type { Subsystem } from '../checker/subsystem.ts';
import { argoSubsystem } from './argo/index.ts';
import { fixtures } from './fixtures/index.ts';
import { pcidSubsystem } from './pcid/index.ts';
import { shadowOosSubsystem } from './shadow-oos/index.ts';
import { vpl011Subsystem } from './vpl011/index.ts';

/**
 * Every subsystem and fixture the CLI knows, in listing order. The only
 * module the CLI imports from `model/`.
 */
export const subsystems: readonly Subsystem[] = [argoSubsystem, vpl011Subsystem, pcidSubsystem, shadowOosSubsystem, ...fixtures];
