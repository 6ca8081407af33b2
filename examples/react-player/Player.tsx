// <sf-player> in React (18 or 19), server-rendering included. Importing @streamforge/player is
// SSR-safe (it defines the element only where customElements exists), so this file works as is in
// Next.js, Remix or Vite SSR. No React wrapper package is needed: the tag is the component.
import { useEffect, useRef } from 'react';
import '@streamforge/player';
import type { Rendition, SfPlayer } from '@streamforge/player';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'sf-player': React.DetailedHTMLProps<React.HTMLAttributes<SfPlayer>, SfPlayer> & {
        src?: string;
        poster?: string;
        controls?: boolean;
        muted?: boolean;
        autoplay?: boolean;
        loop?: boolean;
        'start-time'?: number;
        'max-resolution'?: string;
        'prefer-playback'?: 'mse' | 'native';
      };
    }
  }
}

export interface PlayerProps {
  /** `video.playback.manifest_url` from the StreamForge API. */
  manifestUrl: string;
  poster?: string | null;
  onQualityChange?(rendition: Rendition, auto: boolean): void;
  onError?(code: string, message: string): void;
}

export function Player({ manifestUrl, poster, onQualityChange, onError }: PlayerProps) {
  const ref = useRef<SfPlayer>(null);

  // Custom events are wired by hand so this works on React 18 too (19 also accepts onqualitychange).
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const quality = (e: Event) => {
      const { rendition, auto } = (e as CustomEvent<{ rendition: Rendition; auto: boolean }>).detail;
      onQualityChange?.(rendition, auto);
    };
    const error = (e: Event) => {
      const { code, message } = (e as CustomEvent<{ code: string; message: string }>).detail ?? {};
      if (code) onError?.(code, message);
    };
    el.addEventListener('qualitychange', quality);
    el.addEventListener('error', error);
    return () => {
      el.removeEventListener('qualitychange', quality);
      el.removeEventListener('error', error);
    };
  }, [onQualityChange, onError]);

  return (
    <sf-player
      ref={ref}
      src={manifestUrl}
      poster={poster ?? undefined}
      controls
      style={{ width: '100%', maxWidth: 960, ['--sf-accent-color' as string]: '#e91e63' }}
    />
  );
}

/** Usage: the API gives the URLs; the element does the rest. */
export function VideoPage({ video }: { video: { playback: { manifest_url: string; poster_url: string | null } } }) {
  return (
    <Player
      manifestUrl={video.playback.manifest_url}
      poster={video.playback.poster_url}
      onQualityChange={(r, auto) => console.log(`${auto ? 'Auto' : 'Manual'}: ${r.height}p`)}
      onError={(code, message) => console.error(code, message)}
    />
  );
}
