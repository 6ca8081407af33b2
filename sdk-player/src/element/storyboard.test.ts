import { parseStoryboardVtt, tileAt } from './storyboard';

const VTT = `WEBVTT

00:00:00.000 --> 00:00:04.000
storyboard.jpg#xywh=0,0,160,90

00:00:04.000 --> 00:00:08.000
storyboard.jpg#xywh=160,0,160,90

00:00:08.000 --> 00:01:09.500
storyboard.jpg#xywh=0,90,160,90
`;

describe('storyboard VTT', () => {
  const tiles = parseStoryboardVtt(VTT, 'https://cdn.test/a/v1/storyboard.vtt');

  it('reads cues as sprite tiles with absolute URLs', () => {
    expect(tiles).toHaveLength(3);
    expect(tiles[1]).toEqual({
      start: 4,
      end: 8,
      url: 'https://cdn.test/a/v1/storyboard.jpg',
      x: 160,
      y: 0,
      w: 160,
      h: 90,
    });
    expect(tiles[2].end).toBe(69.5);
  });

  it('finds the tile for a time; before, between and after cues fall back sensibly', () => {
    expect(tileAt(tiles, 0)?.x).toBe(0);
    expect(tileAt(tiles, 5.5)?.x).toBe(160);
    expect(tileAt(tiles, 8)?.y).toBe(90);
    expect(tileAt(tiles, 500)?.y).toBe(90);
    expect(tileAt([], 3)).toBeNull();
  });

  it('tolerates CRLF and hours, skips cues without #xywh, returns nothing for a non-VTT body', () => {
    const crlf =
      'WEBVTT\r\n\r\n01:00:00.000 --> 01:00:02.000\r\nsprite.jpg#xywh=1,2,3,4\r\n\r\n00:00.000 --> 00:01.000\r\nno tile\r\n';
    expect(parseStoryboardVtt(crlf, 'https://x.test/v.vtt')).toEqual([
      { start: 3600, end: 3602, url: 'https://x.test/sprite.jpg', x: 1, y: 2, w: 3, h: 4 },
    ]);
    expect(parseStoryboardVtt('<html>', 'https://x.test/v.vtt')).toEqual([]);
  });
});
