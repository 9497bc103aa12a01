/**
 * Wall-clock milliseconds that never go back: the wall clock read once, then advanced by a monotonic clock. A
 * wall clock stepped forward (NTP catching up) is followed; one stepped back is not, so a retry or a pace set
 * before the step is not postponed by it.
 */
export class MonotonicTime {
  private wallAnchor: number;
  private monoAnchor: number;

  constructor(
    private readonly wall: () => number,
    readonly monotonic: () => number,
  ) {
    this.wallAnchor = wall();
    this.monoAnchor = monotonic();
  }

  now(): number {
    const mono = this.monotonic();
    const estimate = this.wallAnchor + (mono - this.monoAnchor);
    const wall = this.wall();
    if (wall > estimate) {
      this.wallAnchor = wall;
      this.monoAnchor = mono;
      return wall;
    }
    return estimate;
  }
}
