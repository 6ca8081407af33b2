/**
 * `@streamforge/player`: importing this module defines `<sf-player>` once. Safe to import during
 * server-side rendering: nothing touches `window` or `customElements` unless they exist.
 */
import { TAG_NAME } from './element/constants';
import { SfPlayer } from './element/sf-player';

export { SfPlayer };
export { TAG_NAME, Attributes, PlayerEvents, Parts, CssProperties, MEDIA_EVENTS } from './element/constants';
export type { Rendition } from './engine/engine';
export type { PlayerErrorCode } from './engine/errors';
export type { Manifest, ManifestRendition, ManifestAudio, ManifestSegment } from './generated/manifest';

/** Defines the element under `name` unless something is already registered there. */
export function defineSfPlayer(name: string = TAG_NAME): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return;
  customElements.define(name, name === TAG_NAME ? SfPlayer : class extends SfPlayer {});
}

defineSfPlayer();

declare global {
  interface HTMLElementTagNameMap {
    'sf-player': SfPlayer;
  }
}
