/**
 * Adaptive bitrate rules, pure: a throughput estimate from segment downloads and the choice of
 * rendition it allows. Numbers from the anchors (hls.js, Shaka): two EWMAs, the lower one wins.
 */

/** Exponentially weighted moving average over time-weighted samples, corrected for its zero start. */
export class Ewma {
  private readonly alpha: number;
  private value = 0;
  private weight = 0;

  constructor(halfLifeSeconds: number) {
    this.alpha = Math.exp(Math.log(0.5) / halfLifeSeconds);
  }

  sample(weightSeconds: number, value: number): void {
    const keep = Math.pow(this.alpha, weightSeconds);
    this.value = value * (1 - keep) + keep * this.value;
    this.weight += weightSeconds;
  }

  get estimate(): number {
    return this.weight === 0 ? 0 : this.value / (1 - Math.pow(this.alpha, this.weight));
  }
}

export interface EstimatorOptions {
  fastHalfLife: number;
  slowHalfLife: number;
  /** Smaller downloads say more about latency than bandwidth. */
  minBytes: number;
  /**
   * Faster loads came from a cache or a loopback: counted as taking this long, so they raise the
   * estimate without making it infinite (ignoring them would freeze it on a fast link).
   */
  minMs: number;
  /** Bits per second assumed before the first real sample. */
  initialBps: number;
}

export const ESTIMATOR_DEFAULTS: EstimatorOptions = {
  fastHalfLife: 3,
  slowHalfLife: 9,
  minBytes: 16_000,
  minMs: 5,
  initialBps: 1_000_000,
};

export class ThroughputEstimator {
  private readonly fast: Ewma;
  private readonly slow: Ewma;
  private samples = 0;

  constructor(private readonly options: EstimatorOptions = ESTIMATOR_DEFAULTS) {
    this.fast = new Ewma(options.fastHalfLife);
    this.slow = new Ewma(options.slowHalfLife);
  }

  /**
   * Records one download; returns false when it was ignored (too small to say anything). The
   * weight defaults to the download's wall time; the engine passes the segment's media duration
   * so every segment counts alike — with wall-time weights, a link that recovers from 300 kbit/s
   * to loopback speed would need hundreds of 5 ms samples to outweigh one slow second.
   */
  sample(bytes: number, ms: number, weightSeconds?: number): boolean {
    if (bytes < this.options.minBytes) return false;
    const seconds = Math.max(ms, this.options.minMs) / 1000;
    const bps = (bytes * 8) / seconds;
    const weight = weightSeconds ?? seconds;
    this.fast.sample(weight, bps);
    this.slow.sample(weight, bps);
    this.samples++;
    return true;
  }

  /** Bits per second: the lower of the two averages, so a drop is believed at once. */
  get estimate(): number {
    return this.samples === 0 ? this.options.initialBps : Math.min(this.fast.estimate, this.slow.estimate);
  }
}

export interface AbrRendition {
  /** Bits per second needed to play it (video peak + audio). */
  bandwidth: number;
  width: number;
  height: number;
}

export interface AbrRules {
  /** Switch down when estimate × downFactor < current bandwidth. */
  downFactor: number;
  /** Switch up only when estimate × upFactor ≥ the target's bandwidth. */
  upFactor: number;
  /** Seconds between two switches up. */
  minUpInterval: number;
}

export const ABR_DEFAULTS: AbrRules = { downFactor: 0.95, upFactor: 0.8, minUpInterval: 8 };

/**
 * The largest rendition worth fetching for a player of this size in device pixels: the first one
 * covering it (smallest first), so a 640×360 player on a 2× screen may take 720p, never 1080p.
 * `maxHeight` (the max-resolution attribute) caps it further.
 */
export function sizeCap(renditions: AbrRendition[], width: number, height: number, maxHeight = Infinity): number {
  let cap = renditions.length - 1;
  for (let i = 0; i < renditions.length; i++) {
    if (renditions[i].width >= width || renditions[i].height >= height) {
      cap = i;
      break;
    }
  }
  while (cap > 0 && renditions[cap].height > maxHeight) cap--;
  return cap;
}

export interface AbrInput {
  renditions: AbrRendition[];
  current: number;
  estimateBps: number;
  /** Seconds, any clock. */
  now: number;
  lastSwitchAt: number;
  cap: number;
  /** A viewer's choice overrides Auto. */
  manual: number | null;
}

export function chooseRendition(input: AbrInput, rules: AbrRules = ABR_DEFAULTS): number {
  const { renditions, current, estimateBps, cap } = input;
  if (input.manual !== null) return Math.max(0, Math.min(input.manual, renditions.length - 1));
  let affordable = 0;
  for (let i = 0; i <= cap; i++) if (renditions[i].bandwidth <= estimateBps * rules.upFactor) affordable = i;
  if (current > cap) return Math.min(affordable, cap);
  if (renditions[current].bandwidth > estimateBps * rules.downFactor) return Math.min(affordable, current);
  if (affordable > current && input.now - input.lastSwitchAt >= rules.minUpInterval) return affordable;
  return current;
}
