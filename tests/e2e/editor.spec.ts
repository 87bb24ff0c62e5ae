/** The coach's deck editor: make a deck, export it, import it again, play it; and refuse broken files. */
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectPhase } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..');
const SHOTS = process.env.EDITOR_SHOTS;

const SITUATION_NL = 'De avonddienst begint met drie collega’s in plaats van vijf. Niemand durft te zeggen dat het niet lukt, dus we rennen harder.';
const SITUATION_EN = 'The evening shift starts with three colleagues instead of five. Nobody dares to say it cannot be done, so we run faster.';

const field = (page: Page, testid: string, lang: 'nl' | 'en') => page.locator(`[data-testid="${testid}"][data-lang="${lang}"]`);

async function openEditor(page: Page, lang: 'nl' | 'en' = 'nl'): Promise<void> {
  await page.goto(`./?lang=${lang}`);
  await page.getByTestId('open-editor').click();
  await expectPhase(page, 'editor');
  await expect(page.getByTestId('add-card')).toBeVisible();
}

/** Fills the card being edited in both languages. */
async function fillCard(page: Page, title: { nl: string; en: string }, theme = 'roster', level = 'team'): Promise<void> {
  await field(page, 'card-title', 'nl').fill(title.nl);
  await field(page, 'card-title', 'en').fill(title.en);
  await field(page, 'card-situation', 'nl').fill(SITUATION_NL);
  await field(page, 'card-situation', 'en').fill(SITUATION_EN);
  const questions = page.getByTestId('card-question');
  await questions.and(page.locator('[data-index="0"][data-lang="nl"]')).fill('Wat zie je gebeuren?');
  await questions.and(page.locator('[data-index="0"][data-lang="en"]')).fill('What do you see happening?');
  await questions.and(page.locator('[data-index="1"][data-lang="nl"]')).fill('Wat zou helpen?');
  await questions.and(page.locator('[data-index="1"][data-lang="en"]')).fill('What would help?');
  await page.getByTestId('card-theme').selectOption(theme);
  await page.locator(`[data-testid="card-level"][data-level="${level}"]`).check();
}

/** A valid deck file, as another coach would have exported it. */
async function ggzFile(): Promise<Record<string, any>> {
  return JSON.parse(await readFile(join(root, 'levels', 'decks', 'ggz.json'), 'utf8')) as Record<string, any>;
}

async function importText(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('deck-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

test('round trip: make a deck in both languages, export it, delete it, import it, and play it', async ({ page }, info) => {
  await openEditor(page);

  // Start empty: one blank card, edited in both languages.
  await page.getByTestId('new-deck').click();
  await field(page, 'deck-name', 'nl').fill('Team Noord eigen');
  await field(page, 'deck-name', 'en').fill('Team North own');
  await fillCard(page, { nl: 'Eigen kaart: de lege avonddienst', en: 'Own card: the empty evening shift' });

  // A second card.
  await page.getByTestId('add-card').click();
  await expect(page.getByTestId('card-item')).toHaveCount(2);
  await expect(field(page, 'card-title', 'nl')).toHaveValue('');
  await expect(field(page, 'card-title', 'nl')).toBeFocused();
  await fillCard(page, { nl: 'Eigen kaart: nog een formulier', en: 'Own card: one more form' }, 'administration', 'organisation');

  // The preview shows the card as players will see it, in the language chosen.
  const preview = page.getByTestId('card-preview');
  await expect(preview).toContainText('Eigen kaart: nog een formulier');
  await page.getByTestId('preview-lang').and(page.locator('[value="en"]')).check({ force: true });
  await expect(preview).toContainText('Own card: one more form');
  await expect(preview).toContainText('Administration and rules');

  // Reorder with the buttons: the second card goes first.
  await page.getByTestId('card-up').nth(1).click();
  await expect(page.getByTestId('card-select').first()).toContainText('nog een formulier');

  if (SHOTS) await page.screenshot({ path: join(SHOTS, `editor-${info.project.name}.png`), fullPage: false });

  await page.getByTestId('save-deck').click();
  await expect(page.getByTestId('editor-status')).toContainText('opgeslagen');
  await expect(page.getByTestId('own-deck')).toHaveCount(1);
  const deckId = await page.getByTestId('own-deck').getAttribute('data-deck-id');
  expect(deckId).toBeTruthy();

  // Export: the file is the deck in the content format.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('deck-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`ruimte-deck-${deckId}.json`);
  const exported = await readFile(await download.path(), 'utf8');
  const data = JSON.parse(exported) as Record<string, any>;
  expect(data).toMatchObject({ format: 1, kind: 'scenario-deck', id: deckId, sector: 'custom', name: { nl: 'Team Noord eigen', en: 'Team North own' } });
  expect(data.cards.map((c: any) => c.title.en)).toEqual(['Own card: one more form', 'Own card: the empty evening shift']);

  // Delete it from the device (asked first), then import the exported file.
  await page.getByTestId('own-deck-delete').click();
  await expect(page.getByTestId('editor-dialog')).toBeVisible();
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('own-deck')).toHaveCount(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ruimte.deck.')))).toEqual([]);

  await importText(page, download.suggestedFilename(), exported);
  await expect(page.getByTestId('own-deck')).toHaveCount(1);
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  await expect(field(page, 'card-title', 'en')).toHaveValue('Own card: one more form');

  // Play it at once: setup opens with the deck chosen, and the deck list holds every deck.
  await page.getByTestId('play-deck').click();
  await expectPhase(page, 'setup');
  const select = page.getByTestId('deck-select');
  await expect(select).toHaveValue(deckId!);
  const options = await select.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
  expect(options).toEqual(expect.arrayContaining(['general', 'ggz', 'hospital', 'vvt', 'wzc', deckId!]));
  await page.getByTestId('team-name').fill('Noord');
  await page.getByTestId('card-count').fill('1');
  await page.getByTestId('check-in-toggle').uncheck();
  await page.getByTestId('start-game').click();
  await expectPhase(page, 'reveal');
  await expect(page.locator('#panel-title')).toHaveText(/^Eigen kaart: (de lege avonddienst|nog een formulier)$/);
  await page.getByTestId('language').selectOption('en');
  await expect(page.locator('#panel-title')).toHaveText(/^Own card: (the empty evening shift|one more form)$/);
});

test('starts from a copy of a built-in deck, edits and removes a card, and the deck shows in setup', async ({ page }) => {
  await openEditor(page, 'en');
  await page.getByTestId('copy-source').selectOption('ggz');
  await page.getByTestId('copy-deck').click();
  const count = await page.getByTestId('card-item').count();
  expect(count).toBeGreaterThanOrEqual(15);
  await field(page, 'card-title', 'nl').fill('Mijn versie van de eerste kaart');
  await field(page, 'card-title', 'en').fill('My version of the first card');
  await expect(page.getByTestId('card-select').first()).toContainText('My version of the first card');

  // Remove the last card (asked first), then keyboard: move the first card down with Enter.
  await page.getByTestId('card-select').last().click();
  await expect(page.locator('#card-heading')).toBeFocused();
  await page.getByTestId('card-remove').click();
  await expect(page.getByTestId('editor-dialog')).toContainText(`card ${count}`);
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('card-item')).toHaveCount(count - 1);
  await page.getByTestId('card-down').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('card-select').nth(1)).toContainText('My version of the first card');
  await expect(page.getByTestId('card-down').nth(1)).toBeFocused();

  await page.getByTestId('save-deck').click();
  await expect(page.getByTestId('editor-status')).toContainText('saved');
  const id = await page.getByTestId('own-deck').getAttribute('data-deck-id');
  const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), `ruimte.deck.${id}`);
  expect(stored.sector).toBe('custom');
  expect(stored.cards).toHaveLength(count - 1);
  expect(stored.cards[1].title.en).toBe('My version of the first card');

  await page.getByTestId('home').click();
  await page.getByTestId('new-session').click();
  await expect(page.getByTestId('deck-select').locator(`option[value="${id}"]`)).toHaveText(/My version|Mental-health care \(own version\)/);
});

test('a refused save lists every problem by card and field and keeps what was typed', async ({ page }) => {
  await openEditor(page, 'en');
  await page.getByTestId('new-deck').click();
  await field(page, 'card-title', 'nl').fill('Alleen in het Nederlands <b>vet</b>');
  await page.getByTestId('save-deck').click();
  const errors = page.getByTestId('save-errors');
  await expect(errors).toBeVisible();
  await expect(errors).toContainText('Card 1, title (Dutch): Contains HTML');
  await expect(errors).toContainText('Card 1, title (English): Is empty.');
  await expect(errors).toContainText('Card 1, theme: Is missing.');
  await expect(field(page, 'card-title', 'nl')).toHaveValue('Alleen in het Nederlands <b>vet</b>');
  await expect(field(page, 'card-title', 'nl')).toHaveAttribute('aria-invalid', 'true');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ruimte.deck.')))).toEqual([]);
  // Fixing a field takes its problem off the list.
  await field(page, 'card-title', 'en').fill('Only in English');
  await expect(errors).not.toContainText('title (English)');

  // What was typed survives a reload, unsaved.
  await page.reload();
  await page.getByTestId('open-editor').click();
  await expect(field(page, 'card-title', 'en')).toHaveValue('Only in English');
});

const BROKEN: [name: string, make: (deck: Record<string, any>) => string, expected: RegExp[]][] = [
  ['not JSON', () => 'Kaarten voor de GGZ:\n1. Drie keer hetzelfde invullen', [/^Dit is geen geldig JSON-bestand\.$/]],
  [
    'wrong types',
    (d) => {
      d.cards[4].title.nl = 42;
      d.cards[2].questions = 'Wat nu?';
      return JSON.stringify(d);
    },
    [/^Kaart 3, vragen: Heeft de verkeerde vorm\.$/, /^Kaart 5, titel \(Nederlands\): Heeft de verkeerde vorm\.$/],
  ],
  [
    'a missing language',
    (d) => {
      delete d.cards[2].title.en;
      delete d.description.nl;
      return JSON.stringify(d);
    },
    [/^beschrijving \(Nederlands\): Ontbreekt\.$/, /^Kaart 3, titel \(Engels\): Ontbreekt\.$/],
  ],
  [
    'duplicate ids',
    (d) => {
      d.cards[5].id = d.cards[1].id;
      return JSON.stringify(d);
    },
    [/^Kaart 6, id: Deze id komt twee keer voor\.$/],
  ],
  [
    'a text of a megabyte',
    (d) => {
      d.cards[3].situation.en = 'The night shift is short-staffed again. '.repeat(26_000);
      return JSON.stringify(d);
    },
    [/^Kaart 4, situatie \(Engels\): Is te lang\. \(maximaal 600 tekens\)$/],
  ],
  [
    'HTML and a script in titles',
    (d) => {
      d.cards[9].title.nl = '<script>alert(1)</script>';
      d.cards[0].title.en = 'Roster <img src=x onerror=alert(1)>';
      return JSON.stringify(d);
    },
    [/^Kaart 1, titel \(Engels\): Bevat HTML/, /^Kaart 10, titel \(Nederlands\): Bevat HTML/],
  ],
];

test('refuses broken files with every problem listed by card and field, and changes nothing', async ({ page }) => {
  let alerts = 0;
  page.on('dialog', (d) => {
    alerts++;
    void d.dismiss();
  });
  await openEditor(page);
  // Something typed before the imports stays as it is.
  await field(page, 'card-title', 'nl').fill('Nog niet af');
  for (const [name, make, expected] of BROKEN) {
    await importText(page, `${name}.json`, make(await ggzFile()));
    const items = page.getByTestId('import-errors').locator('li');
    await expect(items, name).toHaveCount(expected.length);
    const texts = await items.allTextContents();
    expected.forEach((re, i) => expect(texts[i], name).toMatch(re));
    await expect(page.getByTestId('import-errors').locator('script, img, b')).toHaveCount(0);
  }
  expect(alerts).toBe(0);
  await expect(page.getByTestId('own-deck')).toHaveCount(0);
  await expect(field(page, 'card-title', 'nl')).toHaveValue('Nog niet af');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ruimte.deck.')))).toEqual([]);

  // In English too, after a language switch.
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('import-errors').locator('li').first()).toHaveText(/^Card 1, title \(English\): Contains HTML/);
});

test('importing a deck whose id exists asks: replace, keep both, or cancel', async ({ page }) => {
  await openEditor(page, 'en');
  const mine = await ggzFile();
  mine.id = 'team-north';
  mine.name = { nl: 'Team Noord', en: 'Team North' };
  await importText(page, 'team-north.json', JSON.stringify(mine));
  await expect(page.getByTestId('own-deck')).toHaveCount(1);

  // The same id again: a question, and cancelling changes nothing.
  const changed = structuredClone(mine);
  changed.cards[0].title.en = 'Changed by a colleague';
  await importText(page, 'team-north.json', JSON.stringify(changed));
  const dialog = page.getByTestId('editor-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('team-north');
  await page.getByTestId('import-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('own-deck')).toHaveCount(1);
  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('ruimte.deck.team-north') ?? 'null'));
  expect((await stored()).cards[0].title.en).toBe(mine.cards[0].title.en);

  // Keep both: the import gets a new id.
  await importText(page, 'team-north.json', JSON.stringify(changed));
  await page.getByTestId('import-keep-both').click();
  await expect(page.getByTestId('own-deck')).toHaveCount(2);
  const ids = await page.getByTestId('own-deck').evaluateAll((els) => els.map((e) => e.getAttribute('data-deck-id')));
  expect(ids.sort()).toEqual(['team-north', 'team-north-2']);
  expect((await stored()).cards[0].title.en).toBe(mine.cards[0].title.en);

  // Replace: the same id, the new content.
  await importText(page, 'team-north.json', JSON.stringify(changed));
  await page.getByTestId('import-replace').click();
  await expect(page.getByTestId('own-deck')).toHaveCount(2);
  expect((await stored()).cards[0].title.en).toBe('Changed by a colleague');

  // A built-in deck's id cannot be replaced: only a new id is offered.
  await importText(page, 'ggz.json', JSON.stringify(await ggzFile()));
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('import-replace')).toHaveCount(0);
  await page.getByTestId('import-keep-both').click();
  await expect(page.getByTestId('own-deck')).toHaveCount(3);
  const copy = await page.evaluate(() => JSON.parse(localStorage.getItem('ruimte.deck.ggz-2') ?? 'null'));
  expect(copy.sector).toBe('custom');
});

test('imports a file dropped on the editor', async ({ page }) => {
  await openEditor(page, 'en');
  const deck = await ggzFile();
  deck.id = 'dropped-deck';
  deck.name = { nl: 'Gesleept', en: 'Dropped' };
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, JSON.stringify(deck));
  await page.getByTestId('import-drop').dispatchEvent('dragenter', { dataTransfer: transfer });
  await expect(page.getByTestId('import-drop')).toHaveClass(/drop-zone--active/);
  await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.locator('[data-testid="own-deck"][data-deck-id="dropped-deck"]')).toBeVisible();
  await expect(page.getByTestId('editor-status')).toContainText('Dropped');

  // A broken file dropped is refused the same way.
  const broken = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['{ "format": 1, '], 'half.json', { type: 'application/json' }));
    return dt;
  });
  await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: broken });
  await expect(page.getByTestId('import-errors').locator('li')).toHaveText(['This is not a valid JSON file.']);
});

test('every control has a name and a touch target of at least 44 by 44 pixels', async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('copy-deck').click();
  await page.getByTestId('save-deck').click();
  const small = await page.locator('.editor').evaluate((root) => {
    const out: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('button, select, input, textarea')) {
      const target = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') as HTMLElement) : el;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 44 || box.height < 44) out.push(`${el.dataset.testid ?? el.tagName} ${Math.round(box.width)}×${Math.round(box.height)}`);
      const labelled = el.getAttribute('aria-label') || el.textContent?.trim() || (el.id && root.querySelector(`label[for="${el.id}"]`)) || el.closest('label');
      if (!labelled) out.push(`${el.dataset.testid ?? el.tagName} has no name`);
    }
    return out;
  });
  expect(small).toEqual([]);
});
