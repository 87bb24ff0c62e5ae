/**
 * Token buckets: a bucket holds at most `burst` tokens and gains `perSecond` tokens a second. Taking from an
 * empty bucket fails. Time comes in as an argument so the buckets are easy to test.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number = Date.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
    }
  }

  /** Takes `n` tokens if there are that many; returns whether it could. */
  take(now: number = Date.now(), n = 1): boolean {
    this.refill(now);
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Whether `n` tokens are there, without taking them. */
  has(now: number = Date.now(), n = 1): boolean {
    this.refill(now);
    return this.tokens >= n;
  }

  /** True once the bucket is back to full (an idle entry that can be forgotten). */
  full(now: number = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }

  fill(): void {
    this.tokens = this.burst;
  }
}

export interface AddressLimits {
  /** Failed join/rejoin/hello attempts allowed per minute before the address is blocked. */
  readonly failuresPerMinute: number;
  /** How long an address stays blocked once it used up its failures. */
  readonly blockMs: number;
  /** Join-like attempts (successful or not) per minute, as a bucket of this size. */
  readonly attemptsPerMinute: number;
  /** Rooms an address may open per minute. */
  readonly opensPerMinute: number;
  /**
   * Failed attempts per minute naming one room code, from all addresses together, and failed attempts per
   * minute on the whole server. Once either is used up, an address that failed in the last minute is refused
   * (even with a right code or token) until the bucket refills; addresses without failures still get in.
   */
  readonly codeFailuresPerMinute: number;
  readonly totalFailuresPerMinute: number;
}

export const DEFAULT_ADDRESS_LIMITS: AddressLimits = {
  failuresPerMinute: 10,
  blockMs: 60_000,
  attemptsPerMinute: 120,
  opensPerMinute: 10,
  codeFailuresPerMinute: 20,
  totalFailuresPerMinute: 60,
};

interface AddressState {
  failures: TokenBucket;
  attempts: TokenBucket;
  opens: TokenBucket;
  blockedUntil: number;
  seen: number;
}

/**
 * Limits per remote address: how many rooms it opens, how many join-like attempts (join, rejoin, hello) it
 * makes and, much tighter, how many of those fail. Once the failures are used up, every join-like attempt from
 * that address is refused for `blockMs`, even one with a right code: room codes cannot be guessed.
 */
export class AddressLimiter {
  private readonly state = new Map<string, AddressState>();
  /** Failures naming a room code (whatever the address), and on the whole server. */
  private readonly codes = new Map<string, TokenBucket>();
  private readonly total: TokenBucket;

  constructor(private readonly limits: AddressLimits = DEFAULT_ADDRESS_LIMITS) {
    this.total = new TokenBucket(limits.totalFailuresPerMinute / 60, limits.totalFailuresPerMinute);
  }

  private codeBucket(code: string, now: number): TokenBucket {
    let b = this.codes.get(code);
    if (!b) {
      b = new TokenBucket(this.limits.codeFailuresPerMinute / 60, this.limits.codeFailuresPerMinute, now);
      this.codes.set(code, b);
    }
    return b;
  }

  private get(address: string, now: number): AddressState {
    let s = this.state.get(address);
    if (!s) {
      const l = this.limits;
      s = {
        failures: new TokenBucket(l.failuresPerMinute / 60, l.failuresPerMinute, now),
        attempts: new TokenBucket(l.attemptsPerMinute / 60, l.attemptsPerMinute, now),
        opens: new TokenBucket(l.opensPerMinute / 60, l.opensPerMinute, now),
        blockedUntil: 0,
        seen: now,
      };
      this.state.set(address, s);
    }
    s.seen = now;
    return s;
  }

  /**
   * May this address make a join-like attempt for `code` now? Counts the attempt. Refused when the address is
   * blocked, or when it has failed lately while the code's or the server's failures are used up (guessing from
   * many addresses at once).
   */
  attempt(address: string, now: number = Date.now(), code?: string): boolean {
    const s = this.get(address, now);
    if (s.blockedUntil > now) return false;
    if (s.blockedUntil !== 0) {
      // The block is over: a fresh start.
      s.blockedUntil = 0;
      s.failures.fill();
    }
    if (!s.failures.full(now)) {
      const codeBucket = code === undefined ? undefined : this.codes.get(code);
      if (!this.total.has(now) || (codeBucket !== undefined && !codeBucket.has(now))) return false;
    }
    return s.attempts.take(now);
  }

  /** A join-like attempt failed (unknown code, wrong token). */
  fail(address: string, now: number = Date.now(), code?: string): void {
    const s = this.get(address, now);
    s.failures.take(now);
    if (!s.failures.has(now)) s.blockedUntil = now + this.limits.blockMs;
    this.total.take(now);
    if (code !== undefined) this.codeBucket(code, now).take(now);
  }

  /** May this address open a room now? Counts it. */
  open(address: string, now: number = Date.now()): boolean {
    const s = this.get(address, now);
    return s.opens.take(now);
  }

  /** Forgets addresses that have been quiet and whose buckets are full again. */
  prune(now: number = Date.now()): void {
    for (const [address, s] of this.state) {
      if (s.blockedUntil <= now && now - s.seen > 120_000 && s.failures.full(now) && s.attempts.full(now) && s.opens.full(now)) {
        this.state.delete(address);
      }
    }
    for (const [code, b] of this.codes) if (b.full(now)) this.codes.delete(code);
  }

  get size(): number {
    return this.state.size;
  }
}
