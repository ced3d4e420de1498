/**
 * The slot of a free-running ring index, as the console backend and the
 * properties compute it (`MASK_XENCONS_IDX`): written here rather than
 * imported from the impl's `xenconsMask`, so a wrong mask in the impl shows
 * as wrong bytes instead of being shared by everyone who reads the ring.
 */
export const slotOf = (idx: number, size: number): number => idx & (size - 1);
