// Which checkpoints a filmstrip shows: all of a few, an even spread of many.
const FRAMES = 10;

/** At most FRAMES checkpoints, evenly spread, always with the first, the last and the selected one. */
export function framesOf(list, selectedStep) {
  if (list.length <= FRAMES) return list;
  const picked = new Set([0, list.length - 1]);
  for (let i = 1; i < FRAMES - 1; i++) picked.add(Math.round((i * (list.length - 1)) / (FRAMES - 1)));
  const selected = list.findIndex(c => c.step === selectedStep);
  if (selected >= 0) picked.add(selected);
  return [...picked].sort((a, b) => a - b).map(i => list[i]);
}

