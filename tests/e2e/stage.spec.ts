/** The stage is laid out for the room: large enough text at every size, most of the width, one top bar row. */
import { test, expect, type Page } from '@playwright/test';
import { expectPhase, proposalIds, setupGame, voteOnce } from './helpers.ts';

const NAMES = ['Anna', 'Bram', 'Chris', 'Dewi'];

/** The smallest text the stage draws, by viewport width: a TV, a projector, a tablet. */
function targetPx(page: Page): number {
  const width = page.viewportSize()?.width ?? 0;
  return width >= 1920 ? 32 : width >= 1280 ? 22 : 18;
}

async function expectLegibleStage(page: Page): Promise<void> {
  const stage = page.getByTestId('stage');
  await expect(stage).toBeVisible();
  await expect(stage).toHaveAttribute('data-min-text-px', /^\d+(\.\d+)?$/);
  await expect.poll(async () => Number(await stage.getAttribute('data-min-text-px'))).toBeGreaterThanOrEqual(targetPx(page));
}

/** The top bar stays on one row: every control sits on the same line. */
async function expectOneRowTopbar(page: Page): Promise<void> {
  const middles = await page.locator('#topbar button:visible, #topbar select:visible').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
  expect(middles.length).toBeGreaterThan(3);
  expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(12);
}

async function fastPropose(page: Page, text: string, level: string): Promise<void> {
  await page.getByTestId('proposal-text').fill(text);
  await page.getByTestId('proposal-level').selectOption(level);
  await page.getByTestId('proposal-submit').click();
}

/** Two players, `cards` cards, no check-in: three proposals on the first card and the vote open; the candidates' ids. */
async function threeToVoteOn(page: Page, team: string, cards: number, ideas: readonly (readonly [string, string])[]): Promise<string[]> {
  await setupGame(page, { team, names: NAMES.slice(0, 2), deck: 'ggz', cards, checkIn: false });
  await expectPhase(page, 'reveal');
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  for (const [text, level] of ideas) await fastPropose(page, text, level);
  await expect(page.getByTestId('proposal')).toHaveCount(ideas.length);
  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  return proposalIds(page);
}

test('every step draws its text at least as large as the room needs, on most of the width', async ({ page }) => {
  await setupGame(page, { team: 'Team Zuid', names: NAMES, deck: 'ggz', cards: 1 });
  await expectPhase(page, 'check-in');
  for (let i = 0; i < NAMES.length; i++) await page.getByTestId('check-in-card').nth(i).click();
  await expectLegibleStage(page);
  await page.getByTestId('advance').click();

  await expectPhase(page, 'reveal');
  await expectLegibleStage(page);
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const box = await page.getByTestId('stage').boundingBox();
  if (viewport.width >= 1920) expect(box?.width ?? 0).toBeGreaterThanOrEqual(viewport.width * 0.6);
  await expectOneRowTopbar(page);

  await page.getByTestId('advance').click();
  await expectPhase(page, 'discuss');
  await expectLegibleStage(page);
  await page.getByTestId('advance').click();
  await expectPhase(page, 'propose');
  await fastPropose(page, 'Een vaste schrijfdag zonder telefoon', 'team');
  await fastPropose(page, 'De bestuurder draait een nachtdienst mee', 'organisation');
  await fastPropose(page, 'Elke dag een kwartier intervisie', 'individual');
  await expect(page.getByTestId('proposal')).toHaveCount(3);
  await expectLegibleStage(page);
  // With the clock's controls too.
  await expect(page.getByTestId('add-time')).toBeVisible();
  await expectOneRowTopbar(page);
  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  await expectLegibleStage(page);
  const ids = await proposalIds(page);
  for (const [i] of NAMES.entries()) await voteOnce(page, i % 2 ? [ids[1]!, ids[0]!, ids[2]!] : [ids[0]!, ids[2]!, ids[1]!]);
  await expectPhase(page, 'results');
  await expectLegibleStage(page);
  await page.getByTestId('advance').click();
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', /top-three|run-off/);
  await expectLegibleStage(page);
});

test('30 proposals on one card stay legible while proposing and in the results', async ({ page }) => {
  test.setTimeout(180_000);
  await setupGame(page, { team: 'Team Vol', names: NAMES, deck: 'ggz', cards: 1, checkIn: false });
  await expectPhase(page, 'reveal');
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await expectPhase(page, 'propose');
  const levels = ['individual', 'team', 'manager', 'organisation'];
  for (let i = 0; i < 30; i++) await fastPropose(page, `Voorstel ${i + 1}: pauzes echt buiten de afdeling, met een collega die de pieper overneemt`, levels[i % 4]!);
  await expect(page.getByTestId('proposal')).toHaveCount(30);
  await expectLegibleStage(page);
  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  for (const [i] of NAMES.entries()) {
    const ids = await proposalIds(page);
    await voteOnce(page, ids.slice(i * 4, i * 4 + 4));
  }
  await expectPhase(page, 'results');
  await expectLegibleStage(page);
});

test('reduced motion: the reveal is calm and the stage still measures its text', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const ids = await threeToVoteOn(page, 'Team Rustig', 1, [
    ['Rustig aan', 'team'],
    ['Nog rustiger', 'individual'],
    ['Het rustigst', 'manager'],
  ]);
  await voteOnce(page, [ids[0]!, ids[1]!, ids[2]!]);
  await voteOnce(page, [ids[0]!, ids[2]!, ids[1]!]);
  await expectPhase(page, 'results');
  await expectLegibleStage(page);
});

test('a projector and an upright tablet: one top bar row and the stage text at its target with 16 long proposals', async ({ page }, testInfo) => {
  // The sizes are set here, so one project is enough.
  test.skip(testInfo.project.name !== 'tv-1920', 'sets its own viewport sizes');
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await setupGame(page, { team: 'Team Beamer', names: NAMES, deck: 'ggz', cards: 1, checkIn: false });
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await expectPhase(page, 'propose');
  const levels = ['individual', 'team', 'manager', 'organisation'];
  for (let i = 0; i < 16; i++) await fastPropose(page, `Vergaderingenvrijedag ${i + 1}: overdracht op papier met de arbeidsomstandighedenspreekuren`, levels[i % 4]!);
  await expect(page.getByTestId('proposal')).toHaveCount(16);
  for (const size of [{ width: 1280, height: 720 }, { width: 768, height: 1024 }]) {
    await page.setViewportSize(size);
    await expectOneRowTopbar(page);
    await expectLegibleStage(page);
  }
  // The short labels on an upright tablet are part of the long ones: the buttons keep their names.
  await expect(page.getByTestId('advance')).toHaveAccessibleName(/volgende/i);
  await expect(page.getByTestId('undo')).toHaveAccessibleName(/terug/i);
});

/**
 * The table's canvas read in the page on every frame for `ms` (a small copy of it: a loaded machine still reads
 * every frame): how many different pictures it showed, and whether it showed one picture in its last 500 ms.
 */
async function tableStates(page: Page, ms: number): Promise<{ distinct: number; atRest: boolean }> {
  return page.evaluate(
    (ms) =>
      new Promise<{ distinct: number; atRest: boolean }>((resolve) => {
        const table = document.querySelector('#stage canvas') as HTMLCanvasElement;
        const small = document.createElement('canvas');
        small.width = 192;
        small.height = 108;
        const ctx = small.getContext('2d', { willReadFrequently: true })!;
        const seen: { at: number; picture: string }[] = [];
        const start = performance.now();
        const look = (): void => {
          ctx.clearRect(0, 0, small.width, small.height);
          ctx.drawImage(table, 0, 0, small.width, small.height);
          const picture = Array.from(ctx.getImageData(0, 0, small.width, small.height).data.filter((_, i) => i % 7 === 0)).join(',');
          const at = performance.now() - start;
          seen.push({ at, picture });
          if (at < ms) return void requestAnimationFrame(look);
          const last = seen.filter((s) => s.at >= ms - 500);
          resolve({ distinct: new Set(seen.map((s) => s.picture)).size, atRest: last.every((s) => s.picture === last[0]!.picture) });
        };
        look();
      }),
    ms,
  );
}

/**
 * What is shown over the table while the dots fly (dotsFly.ts), read in the page at every change of the stage's
 * elements (a dot that lands goes, a note's row comes), not on frames that a loaded machine may skip, until it has
 * come and gone (at most 30 s): how many different states the notes' rows of dots and counts went through, and
 * the table's picture while they were there.
 */
async function revealOverTable(page: Page): Promise<{ states: number; gone: boolean; tableDuring: string }> {
  return page.evaluate(
    () =>
      new Promise<{ states: number; gone: boolean; tableDuring: string }>((resolve) => {
        const stage = document.querySelector('#stage canvas')!.parentElement!;
        const states = new Set<string>();
        let tableDuring = '';
        const done = (gone: boolean): void => {
          observer.disconnect();
          clearTimeout(timer);
          resolve({ states: states.size, gone, tableDuring });
        };
        const look = (): void => {
          const rows = [...stage.querySelectorAll<HTMLCanvasElement>('.stage-row')];
          if (rows.length > 0) states.add(rows.map((c) => c.toDataURL()).join('|'));
          // The table under the first row: not drawn again until the last dot has landed.
          if (rows.length > 0 && !tableDuring) tableDuring = (document.querySelector('#stage canvas') as HTMLCanvasElement).toDataURL();
          if (states.size > 0 && rows.length === 0 && stage.querySelectorAll('.stage-dot').length === 0) done(true);
        };
        const observer = new MutationObserver(look);
        observer.observe(stage, { childList: true });
        const timer = setTimeout(() => done(false), 30_000);
      }),
  );
}

test('a new proposal pops in over the table as its own note picture, which leaves when the step ends', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'tv-1920', 'one screen size is enough for the animation');
  await setupGame(page, { team: 'Team Nieuw', names: NAMES.slice(0, 2), deck: 'ggz', cards: 1, checkIn: false });
  await expectPhase(page, 'reveal');
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await expectPhase(page, 'propose');
  await fastPropose(page, 'Een vaste schrijfdag', 'team');
  // The note's own picture lies over the table: note-coloured paper, inside the stage.
  const pop = page.getByTestId('stage').locator('canvas.stage-pop');
  await expect(pop).toHaveCount(1);
  const seen = await pop.evaluate((el: HTMLCanvasElement) => {
    const ctx = el.getContext('2d', { willReadFrequently: true });
    const data = ctx?.getImageData(0, 0, el.width, el.height).data ?? new Uint8ClampedArray();
    let paper = 0;
    // The note's paper (palette.ts COLORS.note, 0xfff3c4).
    for (let i = 0; i < data.length; i += 4) if (data[i] === 0xff && data[i + 1] === 0xf3 && data[i + 2] === 0xc4 && data[i + 3] === 255) paper++;
    // Where it lands (its place without the pop's scaling), within the stage.
    const stage = el.parentElement as HTMLElement;
    const inside = el.offsetLeft >= 0 && el.offsetTop >= 0 && el.offsetLeft + el.offsetWidth <= stage.clientWidth + 1 && el.offsetTop + el.offsetHeight <= stage.clientHeight + 1;
    return { share: paper / Math.max(1, el.width * el.height), inside };
  });
  expect(seen.share).toBeGreaterThan(0.3);
  expect(seen.inside).toBe(true);
  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  await expect(pop).toHaveCount(0);
});

test('the dots fly in at the results and the next card flips: the table moves, then comes to rest', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'tv-1920', 'one screen size is enough for the animation');
  test.setTimeout(90_000);
  const ids = await threeToVoteOn(page, 'Team Beweging', 2, [
    ['Een vaste schrijfdag', 'team'],
    ['Pauze buiten de afdeling', 'individual'],
    ['De bestuurder draait mee', 'organisation'],
  ]);
  await voteOnce(page, [ids[0]!, ids[1]!, ids[2]!]);
  // Watched from before the last vote: a loaded machine must not miss the start.
  const revealing = revealOverTable(page);
  await voteOnce(page, [ids[1]!, ids[0]!, ids[2]!]);
  await expectPhase(page, 'results');
  // Six dots fly in one after another over the table (dotsFly.ts) and each note's count goes up as they land;
  // then the table shows them and comes to rest.
  const reveal = await revealing;
  expect(reveal.states, 'the dots land and the counts go up one after another').toBeGreaterThanOrEqual(2);
  expect(reveal.gone, 'the table takes over: the elements over it go').toBe(true);
  const rest = await tableStates(page, 800);
  expect(rest.atRest, 'the table comes to rest').toBe(true);
  expect(await page.evaluate(() => (document.querySelector('#stage canvas') as HTMLCanvasElement).toDataURL()), 'the table shows the dots and counts').not.toBe(reveal.tableDuring);
  const flipping = tableStates(page, 3000);
  await page.getByTestId('advance').click();
  await expectPhase(page, 'reveal');
  const flip = await flipping;
  expect(flip.distinct, 'the card flips').toBeGreaterThanOrEqual(3);
  expect(flip.atRest, 'the table comes to rest').toBe(true);
});
