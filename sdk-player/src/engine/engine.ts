import type { Manifest, ManifestAudio, ManifestRendition } from '../generated/manifest';
import { type AbrRendition, chooseRendition, sizeCap, ThroughputEstimator } from './abr';
import { BufferQueue } from './buffer-queue';
import { isAbort, PlayerError, type PlayerErrorCode } from './errors';
import { type FetchLike, loadManifest, resolveUrl } from './manifest-loader';
import {
  CONTIGUITY,
  evictionRange,
  gapJump,
  nextSegment,
  rangeAt,
  segmentIndexAt,
  stallNudge,
  toRanges,
} from './scheduler';
import { loadSegment } from './segment-loader';

/** How long one re-read of a growing manifest may take before it is abandoned and retried. */
const REFRESH_TIMEOUT_MS = 10_000;

/** What the element shows in its quality menu. */
export interface Rendition {
  index: number;
  id: string;
  width: number;
  height: number;
  bandwidth: number;
  codecs: string;
}

export type EngineEvent =
  | { type: 'renditions'; renditions: Rendition[] }
  | { type: 'qualitychange'; rendition: Rendition; auto: boolean }
  | { type: 'manifest'; manifest: Manifest }
  | { type: 'retry'; url: string; attempt: number; reason: string }
  | { type: 'error'; code: PlayerErrorCode; message: string };

export interface EngineOptions {
  onEvent(event: EngineEvent): void;
  /** The rendered size in device pixels, for the ABR size cap. */
  viewport(): { width: number; height: number };
  startTime?: number;
  /** Height cap from the max-resolution attribute. */
  maxHeight?: number;
  forwardGoal?: number;
  backBuffer?: number;
  fetch?: FetchLike;
}

/** Defaults from the anchors: ~30 s ahead (hls.js), 30 s behind (Shaka, mux-player VOD). */
export const FORWARD_GOAL = 30;
export const BACK_BUFFER = 30;
const MIN_SEGMENTS_AHEAD = 3;
const TICK_MS = 250;

interface Track {
  kind: 'video' | 'audio';
  queue: BufferQueue;
  /** Rendition id whose init segment the SourceBuffer holds. */
  initOf: string | null;
  codecs: string;
  lastIndex: number | null;
  loading: AbortController | null;
}

type MediaSourceCtor = typeof MediaSource;

/** The MediaSource available here: standard, or Managed (iOS 17+ Safari), or none (native HLS). */
export function mediaSourceClass(): MediaSourceCtor | null {
  const g = globalThis as { MediaSource?: MediaSourceCtor; ManagedMediaSource?: MediaSourceCtor };
  return g.MediaSource ?? g.ManagedMediaSource ?? null;
}

/**
 * Plays one manifest.json into a <video> through Media Source Extensions: separate video and
 * audio SourceBuffers, segments chosen by the scheduler, renditions by the ABR rules.
 */
export class Engine {
  manifest: Manifest | null = null;
  renditions: ManifestRendition[] = [];
  current = 0;
  manual: number | null = null;
  private url = '';
  private mediaSource: MediaSource | null = null;
  private objectUrl = '';
  private tracks: Track[] = [];
  private readonly estimator = new ThroughputEstimator();
  private lastSwitchAt = -Infinity;
  private forwardGoal: number;
  private readonly backBuffer: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly lifetime = new AbortController();
  private failed = false;
  /** Where playback was last seen moving, for stall detection. */
  private progress = { time: -1, at: 0 };
  private readonly listeners: Array<[string, () => void]> = [];

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly options: EngineOptions,
  ) {
    this.forwardGoal = options.forwardGoal ?? FORWARD_GOAL;
    this.backBuffer = options.backBuffer ?? BACK_BUFFER;
  }

  get estimateBps(): number {
    return this.estimator.estimate;
  }

  async load(url: string): Promise<void> {
    this.url = url;
    try {
      const MS = mediaSourceClass();
      if (!MS) throw new PlayerError('MSE_UNSUPPORTED', 'Media Source Extensions are not available');
      // The MediaSource opens while manifest.json is on its way: one round trip less before the first frame.
      const opened = this.attach(MS);
      const manifest = await loadManifest(url, { fetch: this.options.fetch, signal: this.lifetime.signal });
      await this.open(manifest, MS, opened);
    } catch (error) {
      this.fail(error);
    }
  }

  destroy(): void {
    this.lifetime.abort();
    clearInterval(this.timer);
    clearTimeout(this.refreshTimer);
    for (const [type, fn] of this.listeners) this.video.removeEventListener(type, fn);
    for (const t of this.tracks) t.loading?.abort();
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.tracks = [];
  }

  /** A viewer's choice (index) or Auto (null). A choice replaces what is buffered ahead at once. */
  setManual(index: number | null): void {
    this.manual = index === null ? null : Math.max(0, Math.min(index, this.renditions.length - 1));
    if (this.manual === null) return this.tick();
    if (this.manual !== this.current) {
      this.switchTo(this.manual, false);
      void this.flushAhead(0);
    }
  }

  private attach(MS: MediaSourceCtor): Promise<unknown> {
    const mediaSource = new MS();
    this.mediaSource = mediaSource;
    // ManagedMediaSource only opens when remote playback (AirPlay) is off or an alternative is given.
    if (
      'ManagedMediaSource' in globalThis &&
      MS === (globalThis as { ManagedMediaSource?: unknown }).ManagedMediaSource
    ) {
      this.video.disableRemotePlayback = true;
    }
    const opened = new Promise((resolve) => mediaSource.addEventListener('sourceopen', resolve, { once: true }));
    this.objectUrl = URL.createObjectURL(mediaSource);
    this.video.src = this.objectUrl;
    return opened;
  }

  private async open(manifest: Manifest, MS: MediaSourceCtor, opened: Promise<unknown>): Promise<void> {
    this.manifest = manifest;
    this.renditions = manifest.renditions.filter((r) => MS.isTypeSupported(mime(r)));
    if (this.renditions.length === 0) {
      throw new PlayerError('NO_SUPPORTED_RENDITION', `no rendition plays here (${manifest.renditions[0].codecs})`);
    }
    if (manifest.audio && !MS.isTypeSupported(mime(manifest.audio))) {
      throw new PlayerError('NO_SUPPORTED_RENDITION', `the audio codec ${manifest.audio.codecs} does not play here`);
    }
    this.options.onEvent({ type: 'manifest', manifest });
    this.options.onEvent({ type: 'renditions', renditions: this.renditions.map(describe) });
    this.current = chooseRendition(this.abrInput());
    this.options.onEvent({
      type: 'qualitychange',
      rendition: describe(this.renditions[this.current], this.current),
      auto: true,
    });

    await opened;
    if (this.lifetime.signal.aborted) return;
    const mediaSource = this.mediaSource!;
    mediaSource.duration = manifest.duration;
    const video = this.renditions[this.current];
    this.tracks.push(this.track('video', mime(video), video.codecs));
    if (manifest.audio) this.tracks.push(this.track('audio', mime(manifest.audio), manifest.audio.codecs));
    if (this.options.startTime) this.video.currentTime = this.options.startTime;

    this.on('seeking', () => this.onSeeking());
    for (const type of ['timeupdate', 'waiting', 'playing', 'ratechange']) this.on(type, () => this.tick());
    this.on('error', () => {
      const e = this.video.error;
      if (e && !this.failed)
        this.fail(
          new PlayerError('MEDIA_DECODE_FAILED', `the browser could not play the media: ${e.message || e.code}`),
        );
    });
    this.timer = setInterval(() => this.tick(), TICK_MS);
    if (!manifest.complete) this.scheduleRefresh();
    this.tick();
  }

  private track(kind: Track['kind'], type: string, codecs: string): Track {
    const sourceBuffer = this.mediaSource!.addSourceBuffer(type);
    const queue = new BufferQueue(sourceBuffer, () => this.tick());
    return { kind, queue, initOf: null, codecs, lastIndex: null, loading: null };
  }

  private on(type: string, fn: () => void) {
    this.video.addEventListener(type, fn);
    this.listeners.push([type, fn]);
  }

  private trackMedia(track: Track): ManifestRendition | ManifestAudio {
    return track.kind === 'video' ? this.renditions[this.current] : this.manifest!.audio!;
  }

  private tick(): void {
    if (this.failed || !this.manifest || this.tracks.length === 0 || this.lifetime.signal.aborted) return;
    const time = this.video.currentTime;
    this.jumpGaps(time);
    // Also between downloads: a full buffer must not keep a switch up waiting for the next load.
    if (!this.tracks.some((t) => t.kind === 'video' && t.loading)) this.adapt();
    const frontiers = this.tracks.map((t) => this.frontier(t, time));
    const slowest = Math.min(...frontiers);
    for (const [i, track] of this.tracks.entries()) {
      if (track.loading || track.queue.busy) continue;
      // Tracks move segment by segment together: they share the link, and playback needs both.
      if (frontiers[i] > slowest) continue;
      const evict = evictionRange(track.queue.ranges, time, this.backBuffer);
      if (evict) {
        void track.queue.remove(evict[0], evict[1]).catch(() => undefined);
        continue;
      }
      const media = this.trackMedia(track);
      const index = nextSegment({
        segments: media.segments,
        ranges: track.queue.ranges,
        time,
        forwardGoal: this.forwardGoal,
        minSegments: MIN_SEGMENTS_AHEAD,
        lastIndex: track.lastIndex,
      });
      if (index !== null) void this.loadInto(track, index);
    }
    this.maybeEnd();
  }

  /** Index of the first segment this track lacks after `time`; Infinity once it holds its last one. */
  private frontier(track: Track, time: number): number {
    const segments = this.trackMedia(track).segments;
    const last = segments[segments.length - 1];
    const range = rangeAt(track.queue.ranges, time);
    const end = range ? range[1] : time;
    if (!last || end + CONTIGUITY >= last.start + last.duration) return Infinity;
    return range ? segmentIndexAt(segments, end + CONTIGUITY) : segmentIndexAt(segments, time);
  }

  private jumpGaps(time: number): void {
    const v = this.video;
    const now = performance.now();
    if (v.paused || v.seeking || v.ended || time !== this.progress.time) this.progress = { time, at: now };
    if (v.seeking) return;
    const ranges = toRanges(v.buffered);
    const to =
      v.readyState < HTMLMediaElement.HAVE_FUTURE_DATA
        ? gapJump(ranges, time)
        : stallNudge(ranges, time, now - this.progress.at);
    if (to === null) return;
    this.progress = { time: to, at: now };
    v.currentTime = to;
  }

  private async loadInto(track: Track, index: number): Promise<void> {
    const media = this.trackMedia(track);
    const segment = media.segments[index];
    const controller = new AbortController();
    track.loading = controller;
    const signal = anySignal(controller.signal, this.lifetime.signal);
    const common = {
      signal,
      fetch: this.options.fetch,
      onRetry: (attempt: number, reason: string) =>
        this.options.onEvent({ type: 'retry', url: resolveUrl(this.url, segment.url), attempt, reason }),
    };
    try {
      const needsInit = track.initOf !== media.id;
      const [init, data] = await Promise.all([
        needsInit ? loadSegment(resolveUrl(this.url, media.init), common) : null,
        loadSegment(resolveUrl(this.url, segment.url), { ...common, expectedBytes: segment.bytes }),
      ]);
      if (signal.aborted) return;
      if (track.kind === 'video') this.estimator.sample(data.bytes, data.ms, segment.duration);
      if (init) {
        if (media.codecs !== track.codecs) {
          await track.queue.changeType(mime(media));
          track.codecs = media.codecs;
        }
        await this.append(track, init.data);
        track.initOf = media.id;
      }
      await this.append(track, data.data);
      if (!signal.aborted) track.lastIndex = index;
      if (track.kind === 'video') this.adapt();
    } catch (error) {
      if (!isAbort(error) && !signal.aborted) this.fail(error);
    } finally {
      if (track.loading === controller) track.loading = null;
    }
    setTimeout(() => this.tick(), 0);
  }

  /**
   * Appends, and on QuotaExceededError makes room step by step: drop the back-buffer, shrink the
   * forward goal, switch down; only then fail.
   */
  private async append(track: Track, data: ArrayBuffer): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await track.queue.append(data);
      } catch (error) {
        if ((error as DOMException).name !== 'QuotaExceededError') {
          throw new PlayerError('MEDIA_DECODE_FAILED', `a segment could not be appended: ${String(error)}`);
        }
        const time = this.video.currentTime;
        if (attempt === 0) await track.queue.remove(0, Math.max(0, time - 2));
        else if (attempt === 1) this.forwardGoal = Math.max(this.manifest!.segment_duration * 2, this.forwardGoal / 2);
        else if (attempt === 2 && this.current > 0) this.switchTo(this.current - 1, this.manual === null);
        else throw new PlayerError('QUOTA_EXCEEDED', 'the browser refused more media even after evicting');
        const keepUntil = time + this.forwardGoal;
        if (attempt === 1 && keepUntil < this.mediaSource!.duration) await track.queue.remove(keepUntil, Infinity);
      }
    }
  }

  private adapt(): void {
    const next = chooseRendition(this.abrInput());
    if (next === this.current) return;
    const up = next > this.current;
    this.switchTo(next, true);
    // Like dash.js's fast switching: better pictures from two segments on, not after 30 s of the old ones.
    if (up) void this.flushAhead(this.manifest!.segment_duration * 2);
  }

  private abrInput() {
    const audio = this.manifest?.audio?.bandwidth ?? 0;
    const renditions: AbrRendition[] = this.renditions.map((r) => ({ ...r, bandwidth: r.bandwidth + audio }));
    const size = this.options.viewport();
    return {
      renditions,
      current: this.current,
      estimateBps: this.estimator.estimate,
      now: performance.now() / 1000,
      lastSwitchAt: this.lastSwitchAt,
      cap: sizeCap(renditions, size.width, size.height, this.options.maxHeight),
      manual: this.manual,
    };
  }

  private switchTo(index: number, auto: boolean): void {
    this.current = index;
    this.lastSwitchAt = performance.now() / 1000;
    const video = this.tracks.find((t) => t.kind === 'video');
    if (video) video.lastIndex = null;
    this.options.onEvent({ type: 'qualitychange', rendition: describe(this.renditions[index], index), auto });
  }

  /**
   * Drops buffered video from the end of the segment playing `keep` seconds from now, so the next
   * segments come from the new rendition.
   */
  private async flushAhead(keep: number): Promise<void> {
    const video = this.tracks.find((t) => t.kind === 'video');
    if (!video) return;
    video.loading?.abort();
    const segments = this.renditions[this.current].segments;
    const kept = segments[segmentIndexAt(segments, this.video.currentTime + keep)];
    await video.queue.remove(kept.start + kept.duration, Infinity).catch(() => undefined);
    video.lastIndex = null;
    this.tick();
  }

  private onSeeking(): void {
    const time = this.video.currentTime;
    if (rangeAt(toRanges(this.video.buffered), time, 0)) return;
    // Loads for the old position would only delay the new one.
    for (const track of this.tracks) {
      track.loading?.abort();
      track.loading = null;
      track.lastIndex = null;
    }
    this.tick();
  }

  /** `ended` only fires once the MediaSource is told that the last segment of every track is in. */
  private maybeEnd(): void {
    const ms = this.mediaSource!;
    if (!this.manifest!.complete || ms.readyState !== 'open') return;
    for (const track of this.tracks) {
      const segments = this.trackMedia(track).segments;
      const last = segments[segments.length - 1];
      const range = rangeAt(track.queue.ranges, last.start + last.duration);
      if (track.loading || track.queue.busy || !range) return;
      if (!rangeAt(track.queue.ranges, this.video.currentTime)) return;
    }
    try {
      ms.endOfStream();
    } catch {
      // A SourceBuffer started updating meanwhile; the next tick tries again.
    }
  }

  private scheduleRefresh(): void {
    const wait = Math.max(1, this.manifest!.segment_duration / 2) * 1000;
    this.refreshTimer = setTimeout(() => void this.refresh(), wait);
  }

  /** A still-encoding video: re-read manifest.json and play the segments appended since. */
  private async refresh(): Promise<void> {
    // One re-read that never answers must not stop a growing video for good: give up and retry.
    const attempt = new AbortController();
    const giveUp = () => attempt.abort();
    this.lifetime.signal.addEventListener('abort', giveUp, { once: true });
    const timer = setTimeout(giveUp, REFRESH_TIMEOUT_MS);
    try {
      const next = await loadManifest(this.url, {
        fetch: this.options.fetch,
        signal: attempt.signal,
        fresh: true,
      }).finally(() => {
        clearTimeout(timer);
        this.lifetime.signal.removeEventListener('abort', giveUp);
      });
      this.manifest = next;
      this.renditions = this.renditions.map((r) => next.renditions.find((n) => n.id === r.id) ?? r);
      this.options.onEvent({ type: 'manifest', manifest: next });
      await this.setDuration(next.duration);
      if (!next.complete) this.scheduleRefresh();
      this.tick();
    } catch (error) {
      if (this.lifetime.signal.aborted) return;
      // A missed refresh is retried; the segments already known keep playing.
      this.scheduleRefresh();
    }
  }

  private async setDuration(duration: number): Promise<void> {
    const ms = this.mediaSource;
    if (!ms || ms.readyState !== 'open' || Math.abs(ms.duration - duration) < 0.001) return;
    await Promise.all(this.tracks.map((t) => t.queue.idle()));
    if (this.tracks.some((t) => t.queue.busy)) return void setTimeout(() => void this.setDuration(duration), 50);
    try {
      ms.duration = duration;
    } catch {
      // Shorter than what is buffered (the last audio frame): keep the longer duration.
    }
  }

  private fail(error: unknown): void {
    if (this.failed || this.lifetime.signal.aborted) return;
    this.failed = true;
    clearInterval(this.timer);
    clearTimeout(this.refreshTimer);
    for (const t of this.tracks) t.loading?.abort();
    const e = error instanceof PlayerError ? error : new PlayerError('MEDIA_DECODE_FAILED', String(error));
    this.options.onEvent({ type: 'error', code: e.code, message: e.message });
  }
}

const mime = (t: { mime_type: string; codecs: string }) => `${t.mime_type}; codecs="${t.codecs}"`;

const describe = (r: ManifestRendition, index: number): Rendition => ({
  index,
  id: r.id,
  width: r.width,
  height: r.height,
  bandwidth: r.bandwidth,
  codecs: r.codecs,
});

function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (a.aborted || b.aborted) abort();
  a.addEventListener('abort', abort, { once: true });
  b.addEventListener('abort', abort, { once: true });
  return controller.signal;
}
