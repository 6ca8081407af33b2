import { PLAYBACK_RATES } from './constants';

const icon = (d: string) => `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${d}"/></svg>`;

export const ICONS = {
  play: icon('M8 5v14l11-7z'),
  pause: icon('M6 5h4v14H6zm8 0h4v14h-4z'),
  volume: icon('M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z'),
  muted: icon(
    'M3 9v6h4l5 5V4L7 9H3zm18.6 0L20 7.6 17.6 10 15.2 7.6 13.8 9l2.4 2.4-2.4 2.4 1.4 1.4 2.4-2.4 2.4 2.4 1.4-1.4-2.4-2.4z',
  ),
  pip: icon('M19 7h-8v6h8V7zm2-4H3a2 2 0 0 0-2 2v14c0 1.1.9 2 2 2h18a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2zm0 16H3V5h18v14z'),
  fullscreen: icon('M7 14H5v5h5v-2H7v-3zm-2-4h2V7h3V5H5v5zm12 7h-3v2h5v-5h-2v3zM14 5v2h3v3h2V5h-5z'),
};

const STYLES = `
:host{display:inline-block;position:relative;width:640px;aspect-ratio:16/9;background:#000;color:var(--sf-text-color,#fff);font:13px/1.2 var(--sf-font,system-ui,sans-serif);overflow:hidden;outline:none}
:host([hidden]){display:none}
:host(:focus-visible){box-shadow:0 0 0 2px var(--sf-accent-color,#4f8cff)}
video{display:block;width:100%;height:100%;object-fit:contain}
.controls{position:absolute;left:0;right:0;bottom:0;display:flex;flex-wrap:wrap;align-items:center;gap:4px;padding:6px 8px;background:var(--sf-controls-background,linear-gradient(transparent,rgba(0,0,0,.75)));transition:opacity .25s}
:host(:not([controls])) .controls{display:none}
:host([user-inactive]) .controls{opacity:0;pointer-events:none}
:host([user-inactive]){cursor:none}
button,select{background:none;border:0;color:inherit;font:inherit;padding:4px;cursor:pointer;border-radius:4px}
select{background:rgba(0,0,0,.4)}
option{color:#000}
button:focus-visible,select:focus-visible,input:focus-visible,.seek:focus-visible{outline:2px solid var(--sf-accent-color,#4f8cff)}
svg{width:22px;height:22px;fill:currentColor;display:block}
.seek{position:relative;flex:1 0 100%;height:var(--sf-seek-height,6px);margin:6px 0;background:rgba(255,255,255,.25);border-radius:3px;cursor:pointer;touch-action:none}
.buffered,.progress{position:absolute;top:0;bottom:0;left:0;border-radius:3px;pointer-events:none}
.buffered{background:rgba(255,255,255,.45)}
.progress{background:var(--sf-accent-color,#4f8cff);width:0}
.thumbnail{position:absolute;bottom:calc(100% + 10px);display:none;border:2px solid #fff;border-radius:3px;background-repeat:no-repeat;pointer-events:none;transform:translateX(-50%)}
.thumbnail[data-visible]{display:block}
.thumbnail span{position:absolute;left:0;right:0;bottom:2px;text-align:center;text-shadow:0 0 3px #000}
.time{padding:0 6px;font-variant-numeric:tabular-nums;white-space:nowrap}
.spacer{flex:1}
input[type=range]{width:80px;accent-color:var(--sf-accent-color,#4f8cff)}
`;

/** The shadow tree: the <video>, then the controls bar. Every control carries a name and a part. */
export function template(): string {
  const rates = PLAYBACK_RATES.map((r) => `<option value="${r}"${r === 1 ? ' selected' : ''}>${r}×</option>`).join('');
  return `<style>${STYLES}</style>
<video part="video" playsinline></video>
<div class="controls" part="controls" role="group" aria-label="Video controls">
<div class="seek" part="seek-bar" role="slider" tabindex="0" aria-label="Seek" aria-valuemin="0" aria-valuemax="0" aria-valuenow="0" aria-valuetext="0:00 of 0:00">
<div class="buffered-ranges"></div><div class="progress" part="progress"></div>
<div class="thumbnail" part="thumbnail" aria-hidden="true"><span></span></div>
</div>
<button type="button" class="play" part="play-button" aria-label="Play">${ICONS.play}</button>
<button type="button" class="mute" part="mute-button" aria-label="Mute">${ICONS.volume}</button>
<input type="range" class="volume" part="volume" min="0" max="1" step="0.05" value="1" aria-label="Volume">
<span class="time" part="time" role="timer" aria-label="Time">0:00 / 0:00</span>
<span class="spacer"></span>
<select class="speed" part="speed" aria-label="Playback speed">${rates}</select>
<select class="quality" part="quality" aria-label="Quality"><option value="-1">Auto</option></select>
<button type="button" class="pip" part="pip-button" aria-label="Picture in picture">${ICONS.pip}</button>
<button type="button" class="fullscreen" part="fullscreen-button" aria-label="Fullscreen">${ICONS.fullscreen}</button>
</div>`;
}

/** `75` → `1:15`, `3725` → `1:02:05`. */
export function formatTime(seconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}
