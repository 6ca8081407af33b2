/** The vocabulary of `<sf-player>`: its tag, attribute, event, part and custom property names. */
export const TAG_NAME = 'sf-player';

export const Attributes = {
  SRC: 'src',
  POSTER: 'poster',
  AUTOPLAY: 'autoplay',
  MUTED: 'muted',
  LOOP: 'loop',
  CONTROLS: 'controls',
  START_TIME: 'start-time',
  MAX_RESOLUTION: 'max-resolution',
  PREFER_PLAYBACK: 'prefer-playback',
  /** Set by the element while controls are hidden during playback. */
  USER_INACTIVE: 'user-inactive',
} as const;

/** Boolean attributes mirrored onto the inner <video>. */
export const MEDIA_BOOLEAN_ATTRIBUTES = [Attributes.AUTOPLAY, Attributes.MUTED, Attributes.LOOP] as const;

/** HTMLMediaElement events the element re-dispatches from its inner <video>. */
export const MEDIA_EVENTS = [
  'abort',
  'canplay',
  'canplaythrough',
  'durationchange',
  'emptied',
  'ended',
  'loadeddata',
  'loadedmetadata',
  'loadstart',
  'pause',
  'play',
  'playing',
  'progress',
  'ratechange',
  'resize',
  'seeked',
  'seeking',
  'stalled',
  'suspend',
  'timeupdate',
  'volumechange',
  'waiting',
] as const;

export const PlayerEvents = {
  /** detail: { rendition, auto } — the rendition being loaded changed. */
  QUALITY_CHANGE: 'qualitychange',
  /** detail: { renditions } — the playable renditions, smallest first. */
  RENDITIONS: 'renditions',
  /** detail: { code, message } — playback stopped; see PlayerErrorCode. */
  ERROR: 'error',
} as const;

export const Parts = {
  VIDEO: 'video',
  CONTROLS: 'controls',
  PLAY: 'play-button',
  SEEK: 'seek-bar',
  BUFFERED: 'buffered',
  PROGRESS: 'progress',
  THUMBNAIL: 'thumbnail',
  TIME: 'time',
  MUTE: 'mute-button',
  VOLUME: 'volume',
  QUALITY: 'quality',
  SPEED: 'speed',
  PIP: 'pip-button',
  FULLSCREEN: 'fullscreen-button',
} as const;

export const CssProperties = {
  ACCENT: '--sf-accent-color',
  TEXT: '--sf-text-color',
  CONTROLS_BACKGROUND: '--sf-controls-background',
  SEEK_HEIGHT: '--sf-seek-height',
  FONT: '--sf-font',
} as const;

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
/** Controls hide after this long without pointer or key activity while playing. */
export const INACTIVE_MS = 2500;
