/**
 * The views of one publish as JSON texts, one per seat, and the lobby view (see `ViewSet`).
 */
import type { HostMessage } from '../net/protocol.ts';
import { objectMembers } from './jsonSlice.ts';
import type { PublishedState } from './store.ts';

const json = (value: unknown): string => JSON.stringify(value);

/**
 * The views of one publish, each seat's as JSON text. Normally the texts are the host's own: slices of the
 * publish frame (or of the stored views), found by `objectMembers` after the frame was parsed and checked, so
 * nothing is serialised again. When the text cannot be used (see `fromPublish`) a view is serialised from the
 * parsed message the first time it is needed, as before.
 */
export class ViewSet {
  private constructor(
    /** Seat id → JSON text of its view; with `parsed`, a cache of the texts made so far. */
    private readonly texts: Map<string, string>,
    /** The parsed views when the texts are made on demand, else null (then `texts` holds every view). */
    private readonly parsed: Readonly<Record<string, unknown>> | null,
    /** JSON text of the lobby view, or null when there is none. */
    readonly lobbyJson: string | null,
    /** `{"seatId":view,…}` as stored, when known. */
    private json: string | null,
  ) {}

  /**
   * From a publish: `raw` is the frame's text, `msg` what the schema made of it. The host's texts (views,
   * lobby view and snapshot) are used when all three are found in `raw` and the members found in its views are
   * exactly the seats of `msg.views` (always, for text JSON.parse accepted); otherwise the parsed values are
   * serialised (`snapshotJson` undefined).
   */
  static fromPublish(msg: Extract<HostMessage, { t: 'publish' }>, raw: string | undefined): { views: ViewSet; snapshotJson: string | undefined } {
    const top = raw === undefined ? null : objectMembers(raw);
    const viewsText = top?.get('views');
    const lobbyText = top?.get('lobbyView');
    const snapshotText = top?.get('snapshot');
    const members = viewsText === undefined ? null : objectMembers(viewsText);
    if (viewsText !== undefined && lobbyText !== undefined && snapshotText !== undefined && members !== null && sameKeys(members, msg.views)) {
      return { views: new ViewSet(members, null, lobbyText, viewsText), snapshotJson: snapshotText };
    }
    return { views: new ViewSet(new Map(), msg.views, msg.lobbyView === undefined ? null : json(msg.lobbyView), null), snapshotJson: undefined };
  }

  static fromStore(state: PublishedState): ViewSet {
    if (state.views === null) return new ViewSet(new Map(), null, state.lobbyView, null);
    const members = objectMembers(state.views);
    if (members !== null) return new ViewSet(members, null, state.lobbyView, state.views);
    return new ViewSet(new Map(), JSON.parse(state.views) as Record<string, unknown>, state.lobbyView, state.views);
  }

  /** JSON text of this seat's own view, or of the lobby view when the host made none for it. */
  forSeat(seatId: string): string | null {
    const known = this.texts.get(seatId);
    if (known !== undefined) return known;
    const views = this.parsed;
    if (views === null || !Object.hasOwn(views, seatId) || views[seatId] === undefined) return this.lobbyJson;
    const text = JSON.stringify(views[seatId]);
    this.texts.set(seatId, text);
    return text;
  }

  /** `{"seatId":view,…}` for the database. */
  allJson(): string {
    if (this.json !== null) return this.json;
    const views = this.parsed ?? {};
    const parts: string[] = [];
    for (const seatId of Object.keys(views)) {
      if (views[seatId] === undefined) continue;
      parts.push(`${JSON.stringify(seatId)}:${this.forSeat(seatId)}`);
    }
    this.json = `{${parts.join(',')}}`;
    return this.json;
  }
}

/** Whether the members found in the text are exactly the parsed object's own keys. */
function sameKeys(members: ReadonlyMap<string, string>, parsed: Readonly<Record<string, unknown>>): boolean {
  let n = 0;
  for (const key in parsed) {
    if (!Object.hasOwn(parsed, key)) continue;
    if (!members.has(key) || parsed[key] === undefined) return false;
    n++;
  }
  return n === members.size;
}
