import { binSeconds, DURATION_BINS, durationBin } from '@mla/requests';

/** The integers of a comma-separated text (array_to_string of an integer array); empty for null or ''. */
export function parseInts(text: string | null | undefined, each: (n: number, i: number) => void): void {
  if (!text) return;
  let value = 0;
  let i = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 44) {
      each(value, i++);
      value = 0;
    } else value = value * 10 + (c - 48);
  }
  each(value, i);
}

/**
 * Durations counted in the rollup's bins (five minutes each below a day, an hour each below
 * 7 days, a day each up to 1,100 days): each counts as its bin's lower bound, so the
 * percentiles are exact to five minutes below a day, to the hour below a week, to the day above.
 */
export class DurationHistogram {
  readonly counts = new Float64Array(DURATION_BINS);
  n = 0;

  /** Adds a month's histogram (DURATION_BINS counts, comma-separated). */
  addHistogram(text: string | null | undefined): this {
    parseInts(text, (count, bin) => {
      if (bin < DURATION_BINS) this.counts[bin] = (this.counts[bin] as number) + count;
      this.n += count;
    });
    return this;
  }

  /** Adds exact durations in seconds (comma-separated), each in its bin. */
  addDurations(text: string | null | undefined): this {
    parseInts(text, (seconds) => {
      const bin = durationBin(seconds);
      this.counts[bin] = (this.counts[bin] as number) + 1;
      this.n += 1;
    });
    return this;
  }

  add(other: DurationHistogram): this {
    for (let i = 0; i < DURATION_BINS; i++) this.counts[i] = (this.counts[i] as number) + (other.counts[i] as number);
    this.n += other.n;
    return this;
  }

  /** The value (seconds) of the k-th smallest duration, 0-based. */
  private at(k: number): number {
    let seen = 0;
    for (let bin = 0; bin < DURATION_BINS; bin++) {
      seen += this.counts[bin] as number;
      if (seen > k) return binSeconds(bin);
    }
    return binSeconds(DURATION_BINS - 1);
  }

  /** percentile_cont(p) of the durations (seconds, linear between neighbours); null when empty. */
  percentile(p: number): number | null {
    if (this.n === 0) return null;
    const pos = p * (this.n - 1);
    const lo = Math.floor(pos);
    const a = this.at(lo);
    if (pos === lo) return a;
    return a + (this.at(lo + 1) - a) * (pos - lo);
  }
}
