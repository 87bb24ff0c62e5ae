/**
 * The programme's team poll answered on everyone's own phone: one shared screen opens a room, three phones join
 * by code and answer at the same time (one reloads halfway and finds its answers), the screen shows who is done,
 * never what anyone answered, and after closing it shows the results. Nothing per person is kept.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectPhase, openPhone as joinRoom, roomCodeOf, TYPED_CODE } from './helpers.ts';

const openPhone = (browser: Browser, code: string, name: string) => joinRoom(browser, code, name, { phase: 'poll', height: 640 });
import { expectNoSeriousViolations } from './a11y.ts';

// axe is injected as a script; the game's CSP would refuse it.
test.use({ bypassCSP: true });

// The phones have their own viewport; one shared-screen size is enough (as for the programme's other flows).
test.beforeEach(({}, info) => test.skip(info.project.name !== 'tv-1920', 'one screen size is enough for this flow'));

/** Answers the statement on screen with `value` and checks the phone moved on. */
async function give(phone: Page, index: number, value: number): Promise<void> {
  await expect(phone.getByTestId('poll-position')).toHaveAttribute('data-index', String(index));
  await phone.locator(`[data-testid="poll-answer"][data-value="${value}"]`).click();
}

const STATEMENTS = 4;

test('a team answers the poll on their own phones; the screen shows who is done, then the results', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await page.goto('./?lang=en');
  await page.getByTestId('open-programme').click();
  await expectPhase(page, 'follow-up');
  await page.getByTestId('programme-team').fill('Ward East');
  await page.getByTestId('programme-create').click();
  await page.getByTestId('open-poll').click();
  await expectPhase(page, 'poll');
  const checked = page.locator('[data-testid="poll-statement"]:checked');
  while ((await checked.count()) > STATEMENTS) await checked.last().uncheck();
  await page.getByTestId('poll-on-phones').check();
  // On phones whoever joins takes part: no number of participants to fill in.
  await expect(page.getByTestId('poll-respondents')).toBeHidden();
  await page.getByTestId('poll-begin').click();

  await expectPhase(page, 'poll');
  await expect(page.getByTestId('room-code')).toHaveText(TYPED_CODE);
  const code = (await page.getByTestId('room-code').textContent()) ?? '';
  await expect(page.getByTestId('join-url')).toContainText(`?join=${roomCodeOf(code)}#k=`);
  await expect(page.getByTestId('room-qr')).toBeVisible();

  const anna = await openPhone(browser, code, 'Anna');
  const bram = await openPhone(browser, code, 'Bram');
  const chloe = await openPhone(browser, code, 'Chloé <b>bold</b>');
  const progress = page.getByTestId('device-progress');
  await expect(progress).toHaveAttribute('data-of', '3');
  await expect(progress).toHaveAttribute('data-done', '0');
  await expect(page.getByTestId('poll-busy-name')).toHaveCount(3);
  await expect(page.getByTestId('poll-busy-names')).toContainText('Chloé <b>bold</b>');
  await expectNoSeriousViolations(page, 'shared screen, poll on phones');
  await expectNoSeriousViolations(anna, 'phone, poll statement');

  // Everyone at once, statement by statement; Anna changes her mind on the first one.
  await give(anna, 0, 2);
  await anna.getByTestId('poll-back').click();
  await expect(anna.locator('[data-testid="poll-answer"][data-value="2"]')).toHaveAttribute('aria-pressed', 'true');
  await give(anna, 0, 5);
  await give(bram, 0, 4);
  await give(chloe, 0, 5);
  await give(anna, 1, 1);
  await give(bram, 1, 0); // "I'd rather not say"
  await give(chloe, 1, 2);

  // Chloé's phone goes to sleep halfway (a reload): her own answers come back, and she carries on where she was.
  await chloe.reload();
  await expectPhase(chloe, 'poll');
  await expect(chloe.getByTestId('poll-position')).toHaveAttribute('data-index', '2');
  await chloe.getByTestId('poll-back').click();
  await expect(chloe.getByTestId('poll-position')).toHaveAttribute('data-index', '1');
  await expect(chloe.locator('[data-testid="poll-answer"][data-value="2"]')).toHaveAttribute('aria-pressed', 'true');
  await chloe.getByTestId('poll-next').click();

  for (const [phone, values] of [
    [anna, [4, 2]],
    [bram, [4, 1]],
    [chloe, [5, 2]],
  ] as const) {
    await give(phone, 2, values[0]);
    await give(phone, 3, values[1]);
    // The overview: this phone's own answers, then done.
    await expect(phone.getByTestId('poll-my-answer')).toHaveCount(STATEMENTS);
    await expect(phone.getByTestId('poll-done')).toBeEnabled();
  }
  await expectNoSeriousViolations(bram, 'phone, poll overview');
  // The shared screen shows nothing of the answers while the poll runs.
  await expect(page.getByTestId('poll-bar')).toHaveCount(0);
  await expect(progress).toHaveAttribute('data-done', '0');

  for (const [i, phone] of [anna, bram, chloe].entries()) {
    await phone.getByTestId('poll-done').click();
    await expect(phone.getByTestId('poll-thanks')).toBeVisible();
    await expect(progress).toHaveAttribute('data-done', String(i + 1));
  }
  await expect(page.getByTestId('poll-done-name')).toHaveCount(3);
  await expect(page.getByTestId('poll-done-names')).toContainText('Anna');
  await expect(page.getByTestId('poll-busy-name')).toHaveCount(0);
  await expect(page.getByTestId('poll-bar')).toHaveCount(0);

  // A phone that reloads after it is done finds no answers, only its thanks.
  await anna.reload();
  await expect(anna.getByTestId('poll-thanks')).toBeVisible();
  await expect(anna.getByTestId('poll-answer')).toHaveCount(0);

  // Stored on the shared screen: counts, the seats that are done, and nobody's answers.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('ruimte.programme.history') ?? '{}'));
  const poll = stored.programmes[0].rounds[0].poll;
  expect(poll.finished).toBe(3);
  expect(poll.phones.answering).toEqual({});
  expect(poll.phones.done).toHaveLength(3);
  expect(poll.counts[poll.statementIds[0]]).toEqual([0, 0, 0, 1, 2]);

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('poll-finish').click();
  await expectPhase(page, 'poll-results');
  await expect(page.getByTestId('poll-respondent-count')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('poll-too-few')).toHaveCount(0);
  // Bram would rather not say on the second statement: two answers there are too few to show anything.
  await expect(page.locator('.poll-results:not(.poll-results--top) [data-testid="poll-bar"]')).toHaveCount(STATEMENTS - 1);
  await expect(page.locator(`[data-testid="poll-statement-hidden"][data-statement-id="${poll.statementIds[1]}"]`)).toHaveCount(1);
  // The phones learn the poll is closed; they never see results.
  for (const phone of [bram, chloe]) {
    await expect(phone.getByTestId('poll-thanks')).toBeVisible();
    await expect(phone.getByText('The results are on the shared screen now.')).toBeVisible();
    await expect(phone.getByTestId('poll-bar')).toHaveCount(0);
  }
});
