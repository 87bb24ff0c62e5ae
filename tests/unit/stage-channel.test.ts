/**
 * The presenter view's messages: only well-formed messages of this version pass, a state message carries
 * a save that the stage window reads back into the same step, the browser's channel delivers only valid
 * messages, and the facilitator's side answers a stage window's hello with the state of its own session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sessionMachine } from '../../src/core/machine.ts';
import { phaseOf } from '../../src/core/phase.ts';
import { type SavedSession, parseSave, wrapSave } from '../../src/core/save.ts';
import {
  MAX_SAVE_CHARS,
  STAGE_PROTOCOL,
  type StageChannel,
  type StageMessage,
  openStageChannel,
  parseStageMessage,
  stageMessage,
} from '../../src/stage/stageChannel.ts';
import { StageLink, stageWindowUrl } from '../../src/stage/stageLink.ts';
import { makeSession } from '../core/fixtures.ts';
import { advance, send, start } from '../core/play.ts';

function savedText(): string {
  const snap = send(start(makeSession({ checkIn: false })), advance(), advance());
  const persisted = sessionMachine.getPersistedSnapshot(snap) as unknown as SavedSession['snapshot'];
  return JSON.stringify(wrapSave(persisted, 1234));
}

const state = (over: Record<string, unknown> = {}) => ({ v: STAGE_PROTOCOL, type: 'state', sessionId: 'mq2x-4k9', save: '{}', lang: 'nl', room: null, ...over });

describe('stage messages', () => {
  it('accepts the three kinds of message', () => {
    expect(parseStageMessage(state())?.type).toBe('state');
    expect(parseStageMessage({ v: 1, type: 'cue', sessionId: 'a1', cue: 'cue.reveal' })).toEqual({ v: 1, type: 'cue', sessionId: 'a1', cue: 'cue.reveal' });
    expect(parseStageMessage({ v: 1, type: 'hello', sessionId: 'a1' })?.type).toBe('hello');
    expect(parseStageMessage(state({ room: { code: 'ABC234', joinUrl: 'http://x/?join=ABC234', qrSvg: '<svg/>' } }))?.type).toBe('state');
  });

  it.each([
    ['another version', state({ v: 2 })],
    ['an unknown kind', { v: 1, type: 'advance', sessionId: 'a1' }],
    ['a session id with odd characters', state({ sessionId: '../x' })],
    ['an empty session id', state({ sessionId: '' })],
    ['a language we do not have', state({ lang: 'de' })],
    ['a save that is not text', state({ save: { app: 'ruimte-session' } })],
    ['a save larger than storage holds', state({ save: 'x'.repeat(MAX_SAVE_CHARS + 1) })],
    ['a room without its fields', state({ room: { code: 'ABC234' } })],
    ['a cue the machine never sends', { v: 1, type: 'cue', sessionId: 'a1', cue: 'cue.sound' }],
    ['no object at all', 'hello'],
    ['nothing', null],
  ])('refuses %s', (_, data) => {
    expect(parseStageMessage(data)).toBeNull();
  });

  it('carries a save that reads back into the same step', () => {
    const save = savedText();
    const message = parseStageMessage(stageMessage({ type: 'state', sessionId: 'session-1', save, lang: 'en', room: null }));
    expect(message?.type).toBe('state');
    const parsed = parseSave((message as Extract<StageMessage, { type: 'state' }>).save);
    expect(parsed.ok && phaseOf(parsed.value.snapshot.value)).toBe('propose');
  });

  it('builds the stage window address on the same page', () => {
    expect(stageWindowUrl({ origin: 'http://10.0.0.5:4173', pathname: '/' }, 'mq2x-4k9', 'en')).toBe('http://10.0.0.5:4173/?stage=mq2x-4k9&lang=en');
  });
});

describe('the browser channel', () => {
  const open: StageChannel[] = [];
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });

  it('delivers valid messages to the other window and drops the rest', async () => {
    const a = openStageChannel();
    const b = openStageChannel();
    if (!a || !b) throw new Error('no BroadcastChannel in this Node');
    open.push(a, b);
    const heard: StageMessage[] = [];
    b.listen((m) => heard.push(m));
    const raw = new BroadcastChannel('ruimte-stage');
    raw.postMessage({ v: 1, type: 'hello', sessionId: '<script>' });
    raw.postMessage({ type: 'state' });
    a.post(stageMessage({ type: 'hello', sessionId: 's1' }));
    await expect.poll(() => heard.length).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    raw.close();
    expect(heard).toEqual([{ v: 1, type: 'hello', sessionId: 's1' }]);
  });
});

describe('the facilitator side', () => {
  /** A channel that records what is posted and lets the test deliver messages. */
  function fakeChannel() {
    const posted: StageMessage[] = [];
    let listener: (m: StageMessage) => void = () => {};
    const channel: StageChannel = { post: (m) => void posted.push(m), listen: (l) => void (listener = l), close: () => {} };
    return { channel, posted, deliver: (m: StageMessage) => listener(m) };
  }
  const source = { sessionId: 'mine', save: () => '{"n":1}', lang: () => 'nl' as const, room: () => null };

  it('answers a hello for its own session with the state, and ignores other sessions', () => {
    const fake = fakeChannel();
    new StageLink(source, () => {}, fake.channel);
    fake.deliver(stageMessage({ type: 'hello', sessionId: 'other' }));
    expect(fake.posted).toEqual([]);
    fake.deliver(stageMessage({ type: 'hello', sessionId: 'mine' }));
    expect(fake.posted).toEqual([{ v: 1, type: 'state', sessionId: 'mine', save: '{"n":1}', lang: 'nl', room: null }]);
  });

  it('sends nothing until a stage window of its session says hello', async () => {
    const fake = fakeChannel();
    const link = new StageLink(source, () => {}, fake.channel);
    link.cue('cue.flip');
    link.publish();
    await Promise.resolve();
    expect(fake.posted).toEqual([]);
  });

  it('sends one state per task however often it renders, after the cue that came first', async () => {
    const fake = fakeChannel();
    const link = new StageLink(source, () => {}, fake.channel);
    fake.deliver(stageMessage({ type: 'hello', sessionId: 'mine' }));
    fake.posted.length = 0;
    link.cue('cue.flip');
    link.cue('not-a-cue');
    link.publish();
    link.publish();
    link.publish();
    await Promise.resolve();
    expect(fake.posted.map((m) => m.type)).toEqual(['cue', 'state']);
  });
});
