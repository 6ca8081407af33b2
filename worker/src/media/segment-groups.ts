/**
 * ffmpeg cuts every track into short pieces (video at each keyframe, audio every FIRST_SEGMENT_SECONDS); the
 * published segments are made of them: the first piece alone, so every track has something
 * playable after half a second of media, then `perSegment` pieces at a time (the configured segment
 * length). ffmpeg's own `-hls_init_time` cannot do this: in ffmpeg 5.1 it shortens every segment
 * of an EVENT playlist, or the first several of a sliding one.
 */

/** Pure: the pieces of each published segment so far. A last, shorter group only once the track has ended. */
export function groupPieces<T>(pieces: readonly T[], perSegment: number, ended: boolean): T[][] {
  if (pieces.length === 0) return [];
  const groups: T[][] = [[pieces[0]]];
  for (let i = 1; i < pieces.length; i += perSegment) {
    const group = pieces.slice(i, i + perSegment);
    if (group.length === perSegment || ended) groups.push(group);
  }
  return groups;
}

/**
 * Pure: one CMAF segment from consecutive pieces, each `styp` + `moof` + `mdat`. A segment may hold
 * several fragments; only its first box may be the segment type, so later pieces lose theirs.
 */
export function joinPieces(pieces: readonly Buffer[]): Buffer {
  return Buffer.concat(pieces.map((piece, i) => (i === 0 ? piece : withoutSegmentType(piece))));
}

function withoutSegmentType(piece: Buffer): Buffer {
  if (piece.length < 8 || piece.toString('latin1', 4, 8) !== 'styp') return piece;
  const size = piece.readUInt32BE(0);
  if (size < 8 || size > piece.length) throw new Error('A segment piece has a malformed styp box');
  return piece.subarray(size);
}
