/**
 * Pure buffer arithmetic: which segment to load next, what to evict, where to jump a gap.
 * Times in seconds; ranges as [start, end] pairs, sorted (what TimeRanges holds).
 */
export type Range = [number, number];

export interface TimedSegment {
  start: number;
  duration: number;
}

/** AAC framing leaves range ends up to a frame short; anything within this counts as contiguous. */
export const CONTIGUITY = 0.1;

export function toRanges(ranges: { length: number; start(i: number): number; end(i: number): number }): Range[] {
  const out: Range[] = [];
  for (let i = 0; i < ranges.length; i++) out.push([ranges.start(i), ranges.end(i)]);
  return out;
}

/** The range holding `time` (with tolerance at both edges), or null. */
export function rangeAt(ranges: Range[], time: number, tolerance = CONTIGUITY): Range | null {
  return ranges.find(([start, end]) => start - tolerance <= time && time <= end + tolerance) ?? null;
}

/** Seconds buffered ahead of `time` without a hole. */
export function bufferedAhead(ranges: Range[], time: number): number {
  const range = rangeAt(ranges, time);
  return range ? Math.max(0, range[1] - time) : 0;
}

/** Index of the segment playing at `time` (clamped to the first and last). */
export function segmentIndexAt(segments: TimedSegment[], time: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].start <= time) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export interface NextLoadInput {
  segments: TimedSegment[];
  /** This track's buffered ranges. */
  ranges: Range[];
  time: number;
  /** Seconds to keep buffered ahead. */
  forwardGoal: number;
  /** Segments to keep ahead whatever the goal (a shrunken goal still preloads this many). */
  minSegments: number;
  /** The segment appended last since the last seek, so one whose data fell short is not fetched forever. */
  lastIndex: number | null;
}

/** The segment to load next for one track, or null when the goal is met or the track is complete. */
export function nextSegment(input: NextLoadInput): number | null {
  const { segments, ranges, time } = input;
  if (segments.length === 0) return null;
  const range = rangeAt(ranges, time);
  const end = range ? range[1] : time;
  let index = range ? segmentIndexAt(segments, end + CONTIGUITY) : segmentIndexAt(segments, time);
  const last = segments[index];
  if (range && end + CONTIGUITY >= last.start + last.duration) return null; // the last segment is in
  if (input.lastIndex !== null && index <= input.lastIndex && range) index = input.lastIndex + 1;
  if (index >= segments.length) return null;
  const playing = segmentIndexAt(segments, time);
  const goal = Math.max(input.forwardGoal, 0);
  if (end - time >= goal && index - playing > input.minSegments) return null;
  return index;
}

/** The back-buffer to remove: everything older than `backBuffer` seconds, in batches of `slack`. */
export function evictionRange(ranges: Range[], time: number, backBuffer: number, slack = 5): Range | null {
  if (ranges.length === 0) return null;
  const cut = time - backBuffer;
  return ranges[0][0] < cut - slack ? [0, cut] : null;
}

/**
 * A stall with media ahead (a decoder hiccup, a range boundary Chrome will not cross): after
 * `stuckMs` without progress while playing with more than half a second buffered ahead, step 0.1 s
 * forward. Returns the time to seek to, or null.
 */
export function stallNudge(ranges: Range[], time: number, stuckMs: number, limitMs = 1000): number | null {
  if (stuckMs < limitMs || bufferedAhead(ranges, time) <= 0.5) return null;
  return time + 0.1;
}

/**
 * Where to jump when playback sits in (or at the edge of) a hole smaller than `maxGap` seconds:
 * just past the start of the next range. Null when there is nothing to jump.
 */
export function gapJump(ranges: Range[], time: number, maxGap = 2): number | null {
  const inside = ranges.find(([start, end]) => start <= time && time < end - 0.05);
  if (inside) return null;
  const next = ranges.find(([start]) => start > time);
  if (!next || next[0] - time > maxGap) return null;
  return next[0] + 0.01;
}
