import { CORRECT, type Vpl011Quirks } from '../quirks.ts';

/**
 * `vpl011/seed-no-notify-on-read`: the seed never sends the backend an event
 * after a DR read, so a backend that stopped reading input because IN was
 * full never learns that the guest made room.
 */
export const seedNoNotifyOnRead: Vpl011Quirks = { ...CORRECT, noNotifyOnRead: true };
