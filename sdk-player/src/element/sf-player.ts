import type { Manifest } from '../generated/manifest';
import { Engine, type EngineEvent, type Rendition } from '../engine/engine';
import { resolveUrl } from '../engine/manifest-loader';
import { Attributes, INACTIVE_MS, MEDIA_BOOLEAN_ATTRIBUTES, MEDIA_EVENTS, PlayerEvents } from './constants';
import { nativeHlsUrl, playbackPath } from './native-fallback';
import { parseStoryboardVtt, type StoryboardTile, tileAt } from './storyboard';
import { formatTime, ICONS, template } from './template';

/** Server-side rendering has no HTMLElement; the class must still be definable there. */
const Base: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

/**
 * `<sf-player>`: plays a StreamForge `manifest.json` with its own MSE engine, with controls.
 *
 * @attr {string} src - URL of manifest.json
 * @attr {string} poster - image shown before playback
 * @attr {boolean} autoplay
 * @attr {boolean} muted
 * @attr {boolean} loop
 * @attr {boolean} controls - show the built-in controls
 * @attr {number} start-time - seconds to start from
 * @attr {string} max-resolution - highest rendition height to load, e.g. `720` or `720p`
 * @attr {"mse"|"native"} prefer-playback - `native` uses the browser's HLS where it has one
 * @attr {boolean} user-inactive - set by the player while its controls are hidden
 *
 * @csspart video - the inner <video>
 * @csspart controls - the controls bar
 * @csspart play-button
 * @csspart seek-bar - the slider; holds buffered, progress and thumbnail
 * @csspart buffered - one per buffered range
 * @csspart progress
 * @csspart thumbnail - the storyboard preview above the seek bar
 * @csspart time
 * @csspart mute-button
 * @csspart volume
 * @csspart speed
 * @csspart quality
 * @csspart pip-button
 * @csspart fullscreen-button
 *
 * @cssproperty --sf-accent-color - progress, focus rings (default #4f8cff)
 * @cssproperty --sf-text-color - control color (default #fff)
 * @cssproperty --sf-controls-background - behind the controls bar
 * @cssproperty --sf-seek-height - seek bar thickness (default 6px)
 * @cssproperty --sf-font - font family
 *
 * @fires qualitychange - detail `{ rendition, auto }`
 * @fires renditions - detail `{ renditions }`
 * @fires error - detail `{ code, message }`
 * @fires play, pause, playing, waiting, seeking, seeked, timeupdate, durationchange, ended, … - as HTMLMediaElement
 */
export class SfPlayer extends Base {
  static get observedAttributes(): string[] {
    return [
      Attributes.SRC,
      Attributes.POSTER,
      Attributes.CONTROLS,
      Attributes.MAX_RESOLUTION,
      Attributes.PREFER_PLAYBACK,
      ...MEDIA_BOOLEAN_ATTRIBUTES,
    ];
  }

  private readonly root: ShadowRoot;
  private readonly video: HTMLVideoElement;
  private engine: Engine | null = null;
  private tiles: StoryboardTile[] = [];
  /** The seek-bar time under the pointer, so a storyboard that arrives while hovering shows at once. */
  private hoverTime: number | null = null;
  private renditionList: Rendition[] = [];
  private currentRendition: Rendition | null = null;
  private lastError: { code: string; message: string } | null = null;
  private inactiveTimer: ReturnType<typeof setTimeout> | undefined;
  private loadedSrc: string | null = null;
  private connected = false;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.root.innerHTML = template();
    this.video = this.$('video');
    for (const type of MEDIA_EVENTS) {
      this.video.addEventListener(type, () => this.dispatchEvent(new Event(type, { bubbles: true, composed: true })));
    }
    this.wireControls();
  }

  connectedCallback(): void {
    this.connected = true;
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    this.load();
  }

  disconnectedCallback(): void {
    this.connected = false;
    this.engine?.destroy();
    this.engine = null;
    this.loadedSrc = null;
    clearTimeout(this.inactiveTimer);
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if ((MEDIA_BOOLEAN_ATTRIBUTES as readonly string[]).includes(name)) {
      this.video.toggleAttribute(name, value !== null);
      if (name === Attributes.MUTED) this.video.muted = value !== null;
    } else if (name === Attributes.POSTER) {
      if (value) this.video.poster = value;
      else this.video.removeAttribute('poster');
    } else if (name === Attributes.SRC || name === Attributes.PREFER_PLAYBACK || name === Attributes.MAX_RESOLUTION) {
      if (this.connected) this.load();
    }
  }

  // ----- attributes reflected as properties -----
  get src(): string {
    return this.getAttribute(Attributes.SRC) ?? '';
  }
  set src(value: string) {
    this.setAttribute(Attributes.SRC, value);
  }
  get poster(): string {
    return this.getAttribute(Attributes.POSTER) ?? '';
  }
  set poster(value: string) {
    this.setAttribute(Attributes.POSTER, value);
  }
  get autoplay(): boolean {
    return this.hasAttribute(Attributes.AUTOPLAY);
  }
  set autoplay(value: boolean) {
    this.toggleAttribute(Attributes.AUTOPLAY, Boolean(value));
  }
  get loop(): boolean {
    return this.hasAttribute(Attributes.LOOP);
  }
  set loop(value: boolean) {
    this.toggleAttribute(Attributes.LOOP, Boolean(value));
  }
  get controls(): boolean {
    return this.hasAttribute(Attributes.CONTROLS);
  }
  set controls(value: boolean) {
    this.toggleAttribute(Attributes.CONTROLS, Boolean(value));
  }
  get startTime(): number {
    return Number(this.getAttribute(Attributes.START_TIME)) || 0;
  }
  set startTime(value: number) {
    this.setAttribute(Attributes.START_TIME, String(value));
  }
  get maxResolution(): number | null {
    const value = parseInt(this.getAttribute(Attributes.MAX_RESOLUTION) ?? '', 10);
    return Number.isFinite(value) ? value : null;
  }
  set maxResolution(value: number | null) {
    if (value === null) this.removeAttribute(Attributes.MAX_RESOLUTION);
    else this.setAttribute(Attributes.MAX_RESOLUTION, String(value));
  }
  get preferPlayback(): 'mse' | 'native' {
    return this.getAttribute(Attributes.PREFER_PLAYBACK) === 'native' ? 'native' : 'mse';
  }
  set preferPlayback(value: 'mse' | 'native') {
    this.setAttribute(Attributes.PREFER_PLAYBACK, value);
  }
  /** The muted attribute sets the initial state (like <video>'s); the property is live. */
  get muted(): boolean {
    return this.video.muted;
  }
  set muted(value: boolean) {
    this.video.muted = value;
  }

  // ----- HTMLMediaElement, mirrored -----
  get currentTime(): number {
    return this.video.currentTime;
  }
  set currentTime(value: number) {
    this.video.currentTime = value;
  }
  get duration(): number {
    return this.video.duration;
  }
  get paused(): boolean {
    return this.video.paused;
  }
  get ended(): boolean {
    return this.video.ended;
  }
  get seeking(): boolean {
    return this.video.seeking;
  }
  get volume(): number {
    return this.video.volume;
  }
  set volume(value: number) {
    this.video.volume = value;
  }
  get playbackRate(): number {
    return this.video.playbackRate;
  }
  set playbackRate(value: number) {
    this.video.playbackRate = value;
  }
  get buffered(): TimeRanges {
    return this.video.buffered;
  }
  get seekable(): TimeRanges {
    return this.video.seekable;
  }
  get played(): TimeRanges {
    return this.video.played;
  }
  get readyState(): number {
    return this.video.readyState;
  }
  get networkState(): number {
    return this.video.networkState;
  }
  get videoWidth(): number {
    return this.video.videoWidth;
  }
  get videoHeight(): number {
    return this.video.videoHeight;
  }
  /** The last playback error: `{ code, message }` as in the `error` event. */
  get error(): { code: string; message: string } | null {
    return this.lastError;
  }
  /** The inner <video>, for APIs not mirrored here. */
  get media(): HTMLVideoElement {
    return this.video;
  }
  play(): Promise<void> {
    return this.video.play();
  }
  pause(): void {
    this.video.pause();
  }
  getVideoPlaybackQuality(): VideoPlaybackQuality {
    return this.video.getVideoPlaybackQuality();
  }

  // ----- renditions -----
  /** Playable renditions, smallest first. */
  get renditions(): Rendition[] {
    return this.renditionList.slice();
  }
  /** Index into `renditions` of the viewer's choice, or -1 for Auto. */
  get rendition(): number {
    return this.engine?.manual ?? -1;
  }
  set rendition(index: number) {
    this.engine?.setManual(index < 0 ? null : index);
    this.renderQualityMenu();
  }
  /** The engine's throughput estimate in bits per second (0 before MSE playback starts). */
  get bandwidthEstimate(): number {
    return this.engine?.estimateBps ?? 0;
  }
  /** The rendition being loaded now (Auto's pick or the viewer's). */
  get activeRendition(): Rendition | null {
    return this.currentRendition;
  }

  /** (Re)starts playback of `src`. */
  load(): void {
    this.engine?.destroy();
    this.engine = null;
    this.lastError = null;
    const src = this.src;
    this.loadedSrc = src;
    this.tiles = [];
    this.renditionList = [];
    this.renderQualityMenu();
    const video = this.video;
    if (!src) {
      video.removeAttribute('src');
      return video.load();
    }
    if (playbackPath(video, this.getAttribute(Attributes.PREFER_PLAYBACK)) === 'native') {
      video.src = nativeHlsUrl(src);
      if (this.startTime) video.currentTime = this.startTime;
      return;
    }
    const engine = new Engine(video, {
      onEvent: (event) => this.onEngineEvent(event),
      viewport: () => {
        const dpr = globalThis.devicePixelRatio || 1;
        return { width: this.clientWidth * dpr, height: this.clientHeight * dpr };
      },
      startTime: this.startTime,
      maxHeight: this.maxResolution ?? undefined,
    });
    this.engine = engine;
    void engine.load(src);
  }

  private onEngineEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'manifest':
        return this.onManifest(event.manifest);
      case 'renditions':
        this.renditionList = event.renditions;
        this.renderQualityMenu();
        return this.emit(PlayerEvents.RENDITIONS, { renditions: this.renditions });
      case 'qualitychange':
        this.currentRendition = event.rendition;
        this.renderQualityMenu();
        return this.emit(PlayerEvents.QUALITY_CHANGE, { rendition: event.rendition, auto: event.auto });
      case 'error':
        this.lastError = { code: event.code, message: event.message };
        return this.emit(PlayerEvents.ERROR, { code: event.code, message: event.message });
      case 'retry':
        return;
    }
  }

  private onManifest(manifest: Manifest): void {
    if (manifest.poster && !this.poster) this.video.poster = resolveUrl(this.src, manifest.poster);
    if (manifest.storyboard && this.tiles.length === 0) {
      const vttUrl = resolveUrl(this.src, manifest.storyboard.vtt);
      const src = this.src;
      fetch(vttUrl)
        .then((r) => (r.ok ? r.text() : ''))
        .then((text) => {
          if (src !== this.loadedSrc) return;
          this.tiles = parseStoryboardVtt(text, vttUrl);
          if (this.hoverTime !== null) this.showPreview(this.hoverTime);
        })
        .catch(() => undefined); // previews are optional
    }
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private $<T extends Element>(selector: string): T {
    return this.root.querySelector(selector) as T;
  }

  // ----- controls -----
  private wireControls(): void {
    const video = this.video;
    const play = this.$<HTMLButtonElement>('.play');
    const mute = this.$<HTMLButtonElement>('.mute');
    const volume = this.$<HTMLInputElement>('.volume');
    const speed = this.$<HTMLSelectElement>('.speed');
    const quality = this.$<HTMLSelectElement>('.quality');
    const seek = this.$<HTMLElement>('.seek');

    play.addEventListener('click', () => this.togglePlay());
    video.addEventListener('click', () => this.togglePlay());
    mute.addEventListener('click', () => (video.muted = !video.muted));
    volume.addEventListener('input', () => {
      video.volume = Number(volume.value);
      video.muted = video.volume === 0;
    });
    speed.addEventListener('change', () => (video.playbackRate = Number(speed.value)));
    quality.addEventListener('change', () => (this.rendition = Number(quality.value)));
    this.$('.pip').addEventListener('click', () => void this.togglePictureInPicture());
    this.$('.fullscreen').addEventListener('click', () => void this.toggleFullscreen());

    const update = () => this.renderState();
    for (const type of [
      'play',
      'pause',
      'timeupdate',
      'durationchange',
      'progress',
      'volumechange',
      'ratechange',
      'seeking',
      'emptied',
    ]) {
      video.addEventListener(type, update);
    }
    video.addEventListener('play', () => this.bumpActivity());
    video.addEventListener('pause', () => this.setInactive(false));

    const timeAt = (clientX: number) => {
      const box = seek.getBoundingClientRect();
      const fraction = Math.min(1, Math.max(0, (clientX - box.left) / (box.width || 1)));
      return fraction * (video.duration || 0);
    };
    let dragging = false;
    seek.addEventListener('pointerdown', (e) => {
      dragging = true;
      seek.setPointerCapture?.(e.pointerId);
      video.currentTime = timeAt(e.clientX);
    });
    seek.addEventListener('pointermove', (e) => {
      this.showPreview(timeAt(e.clientX));
      if (dragging) video.currentTime = timeAt(e.clientX);
    });
    const stop = () => (dragging = false);
    seek.addEventListener('pointerup', stop);
    seek.addEventListener('pointercancel', stop);
    seek.addEventListener('pointerleave', () => this.showPreview(null));
    seek.addEventListener('keydown', (e) => {
      const step = { ArrowLeft: -5, ArrowRight: 5, PageDown: -10, PageUp: 10 }[e.key];
      if (step === undefined && e.key !== 'Home' && e.key !== 'End') return;
      e.preventDefault();
      e.stopPropagation();
      if (e.key === 'Home') video.currentTime = 0;
      else if (e.key === 'End') video.currentTime = video.duration || 0;
      else this.seekBy(step!);
    });

    this.addEventListener('keydown', (e) => this.onKey(e));
    for (const type of ['pointermove', 'pointerdown', 'focusin'])
      this.addEventListener(type, () => this.bumpActivity());
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const origin = e.composedPath()[0] as HTMLElement | undefined;
    const tag = origin?.tagName;
    // Form controls keep their own keys (a select's arrows, a range's arrows, a button's space).
    if (tag === 'SELECT' || tag === 'INPUT' || (tag === 'BUTTON' && (e.key === ' ' || e.key === 'Enter'))) return;
    const video = this.video;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const actions: Record<string, () => void> = {
      ' ': () => this.togglePlay(),
      k: () => this.togglePlay(),
      m: () => (video.muted = !video.muted),
      f: () => void this.toggleFullscreen(),
      ArrowLeft: () => this.seekBy(-5),
      ArrowRight: () => this.seekBy(5),
      j: () => this.seekBy(-10),
      l: () => this.seekBy(10),
      ArrowUp: () => (video.volume = Math.min(1, Math.round((video.volume + 0.1) * 10) / 10)),
      ArrowDown: () => (video.volume = Math.max(0, Math.round((video.volume - 0.1) * 10) / 10)),
    };
    let action = actions[key];
    if (!action && /^[0-9]$/.test(key)) action = () => (video.currentTime = ((video.duration || 0) * Number(key)) / 10);
    if (!action) return;
    e.preventDefault();
    action();
    this.bumpActivity();
  }

  private seekBy(seconds: number): void {
    const v = this.video;
    v.currentTime = Math.min(Math.max(0, v.currentTime + seconds), v.duration || 0);
  }

  private togglePlay(): void {
    if (this.video.paused || this.video.ended) void this.video.play().catch(() => undefined);
    else this.video.pause();
  }

  private async toggleFullscreen(): Promise<void> {
    if (typeof document === 'undefined') return;
    if (document.fullscreenElement === this) await document.exitFullscreen().catch(() => undefined);
    else await this.requestFullscreen?.().catch(() => undefined);
  }

  private async togglePictureInPicture(): Promise<void> {
    if (typeof document === 'undefined' || !document.pictureInPictureEnabled) return;
    if (document.pictureInPictureElement) await document.exitPictureInPicture().catch(() => undefined);
    else await this.video.requestPictureInPicture().catch(() => undefined);
  }

  private bumpActivity(): void {
    this.setInactive(false);
    clearTimeout(this.inactiveTimer);
    this.inactiveTimer = setTimeout(() => this.setInactive(!this.video.paused), INACTIVE_MS);
  }

  private setInactive(value: boolean): void {
    this.toggleAttribute(Attributes.USER_INACTIVE, value);
  }

  private showPreview(time: number | null): void {
    this.hoverTime = time;
    const box = this.$<HTMLElement>('.thumbnail');
    const tile = time === null ? null : tileAt(this.tiles, time);
    if (time === null || !tile) return box.removeAttribute('data-visible');
    const seek = this.$<HTMLElement>('.seek');
    const fraction = this.video.duration ? time / this.video.duration : 0;
    const half = tile.w / 2;
    const left = Math.min(Math.max(fraction * seek.clientWidth, half), Math.max(half, seek.clientWidth - half));
    Object.assign(box.style, {
      left: `${left}px`,
      width: `${tile.w}px`,
      height: `${tile.h}px`,
      backgroundImage: `url("${tile.url}")`,
      backgroundPosition: `${-tile.x}px ${-tile.y}px`,
    });
    box.dataset.time = String(time);
    box.querySelector('span')!.textContent = formatTime(time);
    box.setAttribute('data-visible', '');
  }

  private renderState(): void {
    const v = this.video;
    const duration = Number.isFinite(v.duration) ? v.duration : 0;
    const play = this.$<HTMLButtonElement>('.play');
    play.innerHTML = v.paused ? ICONS.play : ICONS.pause;
    play.setAttribute('aria-label', v.paused ? 'Play' : 'Pause');
    const mute = this.$<HTMLButtonElement>('.mute');
    const silent = v.muted || v.volume === 0;
    mute.innerHTML = silent ? ICONS.muted : ICONS.volume;
    mute.setAttribute('aria-label', silent ? 'Unmute' : 'Mute');
    this.$<HTMLInputElement>('.volume').value = String(v.muted ? 0 : v.volume);
    this.$<HTMLSelectElement>('.speed').value = String(v.playbackRate);
    const seek = this.$<HTMLElement>('.seek');
    seek.setAttribute('aria-valuemax', duration.toFixed(1));
    seek.setAttribute('aria-valuenow', v.currentTime.toFixed(1));
    seek.setAttribute('aria-valuetext', `${formatTime(v.currentTime)} of ${formatTime(duration)}`);
    this.$<HTMLElement>('.progress').style.width = duration ? `${(v.currentTime / duration) * 100}%` : '0';
    this.$('.time').textContent = `${formatTime(v.currentTime)} / ${formatTime(duration)}`;
    const ranges: string[] = [];
    for (let i = 0; duration && i < v.buffered.length; i++) {
      const left = (v.buffered.start(i) / duration) * 100;
      const width = ((v.buffered.end(i) - v.buffered.start(i)) / duration) * 100;
      ranges.push(`<div class="buffered" part="buffered" style="left:${left}%;width:${width}%"></div>`);
    }
    this.$('.buffered-ranges').innerHTML = ranges.join('');
  }

  private renderQualityMenu(): void {
    const select = this.$<HTMLSelectElement>('.quality');
    const auto = this.currentRendition && this.rendition < 0 ? `Auto (${this.currentRendition.height}p)` : 'Auto';
    const options = [`<option value="-1">${auto}</option>`].concat(
      this.renditionList.map((r) => `<option value="${r.index}">${r.height}p</option>`),
    );
    select.innerHTML = options.join('');
    select.value = String(this.rendition);
    select.hidden = this.renditionList.length < 2;
  }
}
