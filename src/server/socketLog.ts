/**
 * One socket's log: the first refusal of each kind is logged in one line (reason, never the content); repeats
 * are only counted, and when the socket closes one summary line says how many there were. A socket sending
 * garbage costs two lines, not one per frame.
 */
export class SocketLog {
  private readonly seen = new Set<string>();
  private readonly repeats = new Map<string, number>();

  constructor(
    private readonly log: (line: string) => void,
    private readonly who: string,
  ) {}

  /** A line about this socket (`always`: even when one like it was logged). */
  line(text: string, always = false): void {
    if (!always && this.seen.has(text)) return;
    this.seen.add(text);
    this.log(text.startsWith('refused') ? text : `${this.who}: ${text}`);
  }

  refusal(reason: string, fatal: boolean, code: string | null, why: string): void {
    const key = `${reason} ${why}`;
    if (!fatal && this.seen.has(key)) {
      this.repeats.set(reason, (this.repeats.get(reason) ?? 0) + 1);
      return;
    }
    this.seen.add(key);
    this.log(`refused ${reason}${fatal ? ' (fatal)' : ''}: ${this.who}${code ? ` room ${code}` : ''}: ${why}`);
  }

  /** When the socket closes: how many refusals were not logged. */
  summary(): void {
    if (this.repeats.size === 0) return;
    const parts = [...this.repeats].map(([reason, n]) => `${n} × ${reason}`);
    this.repeats.clear();
    this.log(`${this.who}: closed after ${parts.join(', ')} more (not logged one by one)`);
  }
}
