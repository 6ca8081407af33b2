import type { FfprobeOutput, FfprobeStream } from './probe';

/**
 * avcC's profile_idc and constraint-flags byte for the profiles libx264 writes. ffprobe names the
 * profile but not the flags; these are the bytes x264 sets for each (checked against real avcC boxes).
 */
const H264_PROFILES: Record<string, { idc: number; constraints: number }> = {
  'Constrained Baseline': { idc: 0x42, constraints: 0xc0 },
  Main: { idc: 0x4d, constraints: 0x40 },
  High: { idc: 0x64, constraints: 0x00 },
};

/** MPEG-4 Audio Object Types (ISO/IEC 14496-3) as ffprobe names them. */
const AAC_OBJECT_TYPES: Record<string, number> = { LC: 2, 'HE-AAC': 5, 'HE-AACv2': 29 };

/** Pure: RFC 6381 `avc1.PPCCLL` for an H.264 stream. */
export function avcCodecString(stream: Pick<FfprobeStream, 'codec_name' | 'profile' | 'level'>): string {
  const profile = H264_PROFILES[stream.profile ?? ''];
  if (stream.codec_name !== 'h264' || !profile || !stream.level || stream.level <= 0) {
    throw new Error(`No avc1 codec string for ${stream.codec_name} profile ${stream.profile} level ${stream.level}`);
  }
  return `avc1.${hex(profile.idc)}${hex(profile.constraints)}${hex(stream.level)}`;
}

/** Pure: RFC 6381 `mp4a.40.N` for an AAC stream. */
export function aacCodecString(stream: Pick<FfprobeStream, 'codec_name' | 'profile'>): string {
  const objectType = AAC_OBJECT_TYPES[stream.profile ?? ''];
  if (stream.codec_name !== 'aac' || !objectType) {
    throw new Error(`No mp4a codec string for ${stream.codec_name} profile ${stream.profile}`);
  }
  return `mp4a.40.${objectType}`;
}

/** Pure: the `codecs` value for a produced fMP4 (video first, then audio; either may be absent), as MSE's isTypeSupported wants it. */
export function codecsOf(probe: FfprobeOutput): string {
  const streams = probe.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) throw new Error('The produced rendition has neither video nor audio');
  return [...(video ? [avcCodecString(video)] : []), ...(audio ? [aacCodecString(audio)] : [])].join(',');
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
