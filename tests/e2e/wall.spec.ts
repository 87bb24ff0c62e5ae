/** The warm-up wall: jubel and klaag walls, secret dot voting on the klaag wall, then its themes go to the setup. */
import { test, expect, type Page } from '@playwright/test';
import { expectPhase } from './helpers.ts';
import { expectNoSeriousViolations } from './a11y.ts';

// Like the programme's screens: plain DOM pages, one screen size is enough for this flow.
test.beforeEach(({}, info) => test.skip(info.project.name !== 'tv-1920', 'one screen size is enough for these flows'));
// axe-core is injected as an inline script, which the app's Content Security Policy would block.
test.use({ bypassCSP: true });

const JUBEL = ['Fijne collega’s', 'We lachen veel', 'Goede inwerkmap'];
const KLAAG: [string, string][] = [
  ['Rooster komt te laat', 'roster'],
  ['Dubbel registreren', 'administration'],
  ['Geen tijd om bij te praten', 'teamwork'],
  ['Tillen zonder hulp', 'physical-load'],
];

async function openWall(page: Page): Promise<void> {
  await page.goto('./?lang=nl');
  await page.getByTestId('open-programme').click();
  await expectPhase(page, 'follow-up');
  await page.getByTestId('open-wall').click();
  await expectPhase(page, 'wall');
}

/** A reload lands on the start screen; the wall opens again with its saved notes and votes. */
async function reloadAndReopen(page: Page): Promise<void> {
  await page.reload();
  await page.getByTestId('open-programme').click();
  await page.getByTestId('open-wall').click();
  await expectPhase(page, 'wall');
}

async function addNote(page: Page, wall: 'jubel' | 'klaag', text: string, theme?: string): Promise<void> {
  await page.getByTestId('wall-note-text').fill(text);
  if (theme) await page.getByTestId('wall-note-theme').selectOption(theme);
  await page.getByTestId(`wall-add-${wall}`).click();
  await expect(page.locator(`[data-testid="wall-note"][data-wall="${wall}"]`).filter({ hasText: text })).toHaveCount(1);
}

async function noteId(page: Page, text: string): Promise<string> {
  return (await page.locator('[data-testid="wall-note"][data-wall="klaag"]').filter({ hasText: text }).getAttribute('data-note-id'))!;
}

/** Every visible control is at least 44×44 px. */
async function expectTapSizes(page: Page): Promise<void> {
  const small = await page.locator('[data-testid="wall"] :is(button, select, input)').evaluateAll((els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ({ id: e.getAttribute('data-testid') ?? e.tagName, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ id, r }) => `${id} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  expect(small).toEqual([]);
}

test('three players fill both walls, dot-vote in secret and play the chosen themes', async ({ page }) => {
  await openWall(page);
  await expectTapSizes(page);
  await page.getByTestId('wall-team').fill('Afdeling Noord');
  for (const text of JUBEL) await addNote(page, 'jubel', text);

  // A klaag note needs a theme.
  await page.getByTestId('wall-note-text').fill('Zonder thema');
  await page.getByTestId('wall-add-klaag').click();
  await expect(page.getByTestId('wall-error')).toBeVisible();
  await page.getByTestId('wall-note-text').fill('');
  for (const [text, theme] of KLAAG) await addNote(page, 'klaag', text, theme);
  // Player input shows as typed, never as HTML.
  await addNote(page, 'jubel', '<b>vet</b>');
  await expect(page.locator('[data-testid="wall-note"] b')).toHaveCount(0);
  await page.getByRole('button', { name: 'Haal de notitie weg: <b>vet</b>' }).click();
  await expect(page.locator('[data-testid="wall-note"][data-wall="jubel"]')).toHaveCount(3);
  await expect(page.locator('[data-testid="wall-note"][data-wall="klaag"]')).toHaveCount(4);
  await expectNoSeriousViolations(page, 'wall notes');

  // Notes survive a reload.
  await reloadAndReopen(page);
  await expect(page.locator('[data-testid="wall-note"][data-wall="klaag"]')).toHaveCount(4);
  await expect(page.getByTestId('wall-team')).toHaveValue('Afdeling Noord');

  await page.getByTestId('wall-voter-count').fill('3');
  await page.getByTestId('wall-start-vote').click();
  const [a, b, c, d] = await Promise.all(KLAAG.map(([text]) => noteId(page, text)));
  // Only the klaag wall is voted on.
  await expect(page.locator('[data-testid="wall-note"][data-wall="jubel"]')).toHaveCount(0);

  const ballots = [
    [a, a, b],
    [a, b, c],
    [c, d, b],
  ];
  for (const [i, ballot] of ballots.entries()) {
    await expect(page.getByTestId('wall-voter')).toHaveAttribute('data-voter', String(i + 1));
    // Earlier votes stay hidden: the new player sees no dots at all.
    await expect(page.locator('[data-testid="wall-note"]:not([data-mine="0"])')).toHaveCount(0);
    await expect(page.getByTestId('wall-vote-done')).toBeDisabled();
    for (const id of ballot) await page.locator(`[data-testid="wall-vote-for"][data-note-id="${id}"]`).click();
    if (i === 0) {
      // At most 2 per note, and the votes so far survive a reload.
      await expect(page.locator(`[data-testid="wall-vote-for"][data-note-id="${a}"]`)).toBeDisabled();
      await reloadAndReopen(page);
      await expect(page.getByTestId('wall-voter')).toHaveAttribute('data-voter', '1');
      await expect(page.locator(`[data-testid="wall-note"][data-note-id="${a}"]`)).toHaveAttribute('data-mine', '2');
      await expectTapSizes(page);
    }
    await page.getByTestId('wall-vote-done').click();
  }

  const result = page.getByTestId('wall-result');
  await expect(result).toBeVisible();
  const dots = await page.getByTestId('wall-result-note').evaluateAll((els) => els.map((e) => [e.getAttribute('data-note-id'), e.getAttribute('data-dots')]));
  expect(dots).toEqual([
    [a, '3'],
    [b, '3'],
    [c, '2'],
    [d, '1'],
  ]);
  await expect(page.getByTestId('wall-result-theme')).toHaveCount(3);
  const themes = await page.getByTestId('wall-result-theme').evaluateAll((els) => els.map((e) => e.getAttribute('data-theme')));
  expect(themes).toEqual(['roster', 'administration', 'teamwork']);
  await expectNoSeriousViolations(page, 'wall result');

  // A real button: it works from the keyboard (focus and Enter).
  const play = page.getByTestId('wall-play-themes');
  await play.focus();
  await expect(play).toBeFocused();
  await page.keyboard.press('Enter');
  await expectPhase(page, 'setup');
  await expect(page.getByTestId('team-name')).toHaveValue('Afdeling Noord');
  for (const theme of ['roster', 'administration', 'teamwork']) await expect(page.locator(`[data-testid="theme-choice"][data-theme="${theme}"]`)).toBeChecked();
  await expect(page.locator('[data-testid="theme-choice"]:checked')).toHaveCount(3);
});

test('the wall speaks English too and shows the result after a reload', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('open-programme').click();
  await page.getByTestId('open-wall').click();
  await expectPhase(page, 'wall');
  await expect(page.getByTestId('wall-add-jubel')).toHaveText('On the cheer wall');
  await addNote(page, 'klaag', 'Too much paperwork', 'administration');
  await page.getByTestId('wall-voter-count').fill('1');
  await page.getByTestId('wall-start-vote').click();
  const id = await noteId(page, 'Too much paperwork');
  // One note holds at most two dots, so the single player places two.
  await page.locator(`[data-testid="wall-vote-for"][data-note-id="${id}"]`).click();
  await page.locator(`[data-testid="wall-vote-for"][data-note-id="${id}"]`).click();
  await page.getByTestId('wall-vote-done').click();
  await expect(page.getByTestId('wall-result')).toBeVisible();
  await reloadAndReopen(page);
  await expect(page.getByTestId('wall-result')).toBeVisible();
  await expect(page.getByTestId('wall-result-theme')).toHaveAttribute('data-theme', 'administration');
});
