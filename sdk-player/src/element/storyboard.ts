/** One tile of the storyboard sprite: a WebVTT cue whose text is `image.jpg#xywh=x,y,w,h`. */
export interface StoryboardTile {
  start: number;
  end: number;
  /** Absolute URL of the sprite. */
  url: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const TIMING = /^((?:\d+:)?\d{1,2}:\d{2}\.\d{3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}\.\d{3})/;

function seconds(stamp: string): number {
  return stamp.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** Pure: the tiles of a storyboard VTT; sprite URLs are resolved against the VTT's own URL. */
export function parseStoryboardVtt(text: string, vttUrl: string): StoryboardTile[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (!lines[0]?.startsWith('WEBVTT')) return [];
  const tiles: StoryboardTile[] = [];
  for (let i = 0; i < lines.length; i++) {
    const timing = TIMING.exec(lines[i].trim());
    if (!timing) continue;
    const payload = (lines[i + 1] ?? '').trim();
    const hash = payload.lastIndexOf('#xywh=');
    if (hash < 0) continue;
    const [x, y, w, h] = payload
      .slice(hash + 6)
      .split(',')
      .map(Number);
    if ([x, y, w, h].some((n) => !Number.isFinite(n))) continue;
    tiles.push({
      start: seconds(timing[1]),
      end: seconds(timing[2]),
      url: new URL(payload.slice(0, hash), vttUrl).href,
      x,
      y,
      w,
      h,
    });
  }
  return tiles;
}

/** The tile shown at `time`: the cue covering it, else the nearest before it. */
export function tileAt(tiles: StoryboardTile[], time: number): StoryboardTile | null {
  let found: StoryboardTile | null = null;
  for (const tile of tiles) {
    if (tile.start <= time) found = tile;
    if (tile.start <= time && time < tile.end) return tile;
  }
  return found ?? tiles[0] ?? null;
}
