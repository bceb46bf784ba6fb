/** Per-provider circuit breaker: after `threshold` failures in a row, skip it for `openMs`. */
export class CircuitBreaker {
  private readonly state = new Map<string, { failures: number; openUntil: number }>();

  constructor(
    private readonly threshold = 3,
    private readonly openMs = 30_000,
    private readonly clock: () => number = Date.now,
  ) {}

  isOpen(id: string): boolean {
    const s = this.state.get(id);
    return !!s && s.openUntil > this.clock();
  }

  success(id: string): void {
    this.state.delete(id);
  }

  failure(id: string): void {
    const s = this.state.get(id) ?? { failures: 0, openUntil: 0 };
    s.failures++;
    if (s.failures >= this.threshold) {
      s.openUntil = this.clock() + this.openMs;
      s.failures = 0;
    }
    this.state.set(id, s);
  }
}
