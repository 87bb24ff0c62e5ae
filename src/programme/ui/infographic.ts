/**
 * The round's infographic: one A4 page laid out once (`core/infographic.ts`), drawn on a canvas for the PNG
 * and the preview, and written as a PDF. The same content is on the page as text for screen readers.
 */
import { h } from '../../ui/dom.ts';
import { currentLang, t } from '../../i18n/index.ts';
import type { App, Screen, View } from '../app.ts';
import type { Programme, Round } from '../core/history.ts';
import { type InfographicData, type Op, PAGE, layoutInfographic } from '../core/infographic.ts';
import { MIN_ANSWERS, isComplete, rankByConcern } from '../core/poll.ts';
import { pdfBytes, writePdf } from '../core/pdf.ts';
import { nudgeById, statementById } from '../content.ts';
import { themeLabel } from '../texts.ts';
import { button, downloadBlob, formatDate, roundOf, slug } from './kit.ts';
import { resultsOf } from './pollView.ts';

/** 150 dots per inch on A4: 1240 × 1754 pixels. */
export const PNG_SCALE = 1240 / PAGE.width;

export function infographicData(programme: Programme, round: Round): InfographicData {
  const lang = currentLang();
  const poll = round.poll && isComplete(round.poll) ? round.poll : null;
  const results = poll ? resultsOf(poll) : null;
  const ranked = results ? rankByConcern(results) : [];
  const decisionLabel = (d: string | null) => t(`programme:decision.${d ?? 'none'}`);
  const subtitle = [round.theme ? t('programme:infographic.theme', { theme: themeLabel(round.theme) }) : null, formatDate(round.visitedAt ?? round.openedAt)].filter(Boolean).join(' · ');
  return {
    eyebrow: `Ruimte · ${t('programme:phase.follow-up')}`,
    heading: t('programme:infographic.heading', { team: programme.teamName, n: round.no, total: programme.roundCount }),
    subtitle,
    pollTitle: t('programme:infographic.pollTitle'),
    pollNote: poll ? t('programme:infographic.pollRespondents', { count: poll.finished }) : '',
    statements: ranked.map((s) => ({
      text: statementById(s.id)?.text[lang] ?? s.id,
      concerned: s.split.concerned,
      neutral: s.split.neutral,
      reassured: s.split.reassured,
      label: t('programme:timeline.concerned', { percent: s.split.concerned }),
    })),
    pollEmpty: !poll ? t('programme:infographic.pollNone') : t('programme:infographic.pollTooFew', { min: MIN_ANSWERS }),
    legend: [t('programme:poll.legendConcern'), t('programme:poll.legendNeutral'), t('programme:poll.legendFine')],
    topTitle: t('programme:infographic.topTitle'),
    items: round.items.map((item) => ({
      rank: item.rank,
      text: item.text,
      ask: item.ask.trim() ? t('programme:infographic.ask', { text: item.ask.trim() }) : '',
      ourselves: item.ourselves.trim() ? t('programme:infographic.ourselves', { text: item.ourselves.trim() }) : '',
      decision: item.visit.decision,
      decisionLabel: decisionLabel(item.visit.decision),
      note: item.visit.note.trim() ? `“${item.visit.note.trim()}”` : '',
    })),
    topEmpty: t('programme:infographic.topNone'),
    actionsTitle: t('programme:infographic.actionsTitle'),
    columns: [t('programme:infographic.colAction'), t('programme:infographic.colOwner'), t('programme:infographic.colDate'), t('programme:infographic.colDecision')],
    actions: round.items.map((item) => ({
      text: item.text,
      owner: item.visit.owner.trim() || t('programme:common.none'),
      date: item.visit.date ? formatDate(item.visit.date) : t('programme:common.none'),
      decision: decisionLabel(item.visit.decision),
      indicator: item.visit.indicator?.trim() ? t('programme:infographic.indicator', { text: item.visit.indicator.trim() }) : '',
      checkDate: item.visit.checkDate ? t('programme:infographic.checkOn', { date: formatDate(item.visit.checkDate) }) : '',
    })),
    actionsEmpty: t('programme:infographic.actionsNone'),
    nudgesTitle: t('programme:infographic.nudgesTitle'),
    nudges: round.items.map((item) => ({
      action: `${item.rank}. ${item.text}`,
      nudges: [...item.nudges.flatMap((id) => nudgeById(id)?.title[lang] ?? []), ...(item.ownNudge.trim() ? [`${t('programme:nudges.cardOwn')}: ${item.ownNudge.trim()}`] : [])],
    })),
    nudgesEmpty: t('programme:infographic.nudgesNone'),
    footerLeft: round.nextDate ? t('programme:infographic.nextRound', { date: formatDate(round.nextDate) }) : t('programme:infographic.subtitle'),
    footerRight: t('programme:infographic.made', { date: formatDate(Date.now()) }),
  };
}

const FAMILY = 'Helvetica, Arial, "Liberation Sans", "Nimbus Sans", sans-serif';
const css = (c: readonly number[]) => `rgb(${c.map((x) => Math.round(x * 255)).join(',')})`;

/** Draws the operations on a new canvas at `scale` pixels per point. */
export function drawInfographic(ops: readonly Op[], scale = PNG_SCALE): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(PAGE.width * scale);
  canvas.height = Math.round(PAGE.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const op of ops) {
    if (op.kind === 'text') {
      ctx.font = `${op.bold ? 'bold ' : ''}${op.size}px ${FAMILY}`;
      ctx.fillStyle = css(op.color);
      ctx.fillText(op.text, op.x, op.y);
    } else if (op.kind === 'rect') {
      if (op.fill) {
        ctx.fillStyle = css(op.fill);
        ctx.fillRect(op.x, op.y, op.w, op.h);
      }
      if (op.hatch) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(op.x, op.y, op.w, op.h);
        ctx.clip();
        ctx.beginPath();
        for (let d = -op.h; d < op.w; d += 4) {
          ctx.moveTo(op.x + d, op.y + op.h);
          ctx.lineTo(op.x + d + op.h, op.y);
        }
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 0.6;
        ctx.stroke();
        ctx.restore();
      }
      if (op.stroke && op.lineWidth > 0) {
        ctx.strokeStyle = css(op.stroke);
        ctx.lineWidth = op.lineWidth;
        ctx.strokeRect(op.x, op.y, op.w, op.h);
      }
    } else if (op.kind === 'line') {
      ctx.beginPath();
      op.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
      ctx.strokeStyle = css(op.color);
      ctx.lineWidth = op.width;
      ctx.stroke();
    } else {
      ctx.beginPath();
      ctx.arc(op.cx, op.cy, op.r, 0, Math.PI * 2);
      if (op.fill) {
        ctx.fillStyle = css(op.fill);
        ctx.fill();
      }
      if (op.stroke && op.lineWidth > 0) {
        ctx.strokeStyle = css(op.stroke);
        ctx.lineWidth = op.lineWidth;
        ctx.stroke();
      }
    }
  }
  return canvas;
}

const fileBase = (programme: Programme, round: Round) => `ruimte-infographic-${slug(programme.teamName)}-${currentLang() === 'nl' ? 'ronde' : 'round'}-${round.no}`;

/** The infographic's content as text: what the picture shows, for screen readers and copying. */
function textVersion(data: InfographicData): HTMLElement {
  return h(
    'details',
    { class: 'infographic__text' },
    h('summary', { 'data-testid': 'infographic-text-toggle' }, t('programme:infographic.textVersion')),
    h('h2', {}, data.heading),
    h('p', {}, data.subtitle),
    h('h3', {}, data.pollTitle),
    data.pollNote ? h('p', {}, data.pollNote) : null,
    data.statements.length ? h('ul', {}, ...data.statements.slice(0, 5).map((s) => h('li', {}, `${s.text}: ${t('programme:poll.split', { concerned: s.concerned, neutral: s.neutral, fine: s.reassured })}`))) : h('p', {}, data.pollEmpty),
    h('h3', {}, data.topTitle),
    data.items.length
      ? h('ol', {}, ...data.items.map((i) => h('li', {}, h('strong', {}, i.text), ...[i.ask, i.ourselves, t('programme:infographic.answer', { decision: i.decisionLabel }), i.note].filter(Boolean).map((line) => h('span', { class: 'block' }, line)))))
      : h('p', {}, data.topEmpty),
    h('h3', {}, data.actionsTitle),
    h('ul', {}, ...data.actions.map((a) => h('li', {}, [`${a.text}: ${a.owner} · ${a.date} · ${a.decision}`, a.indicator, a.checkDate].filter(Boolean).join(' · ')))),
    h('h3', {}, data.nudgesTitle),
    h('ul', {}, ...data.nudges.filter((n) => n.nudges.length).map((n) => h('li', {}, `${n.action}: ${n.nudges.join(' · ')}`))),
    h('p', {}, data.footerLeft),
  );
}

export function renderInfographic(app: App, view: View): Screen | null {
  if (view.name !== 'infographic') return null;
  const programme = app.programme(view.id);
  const round = programme?.rounds.find((r) => r.no === view.round);
  if (!programme || !round) return null;
  const data = infographicData(programme, round);
  const ops = layoutInfographic(data);
  const canvas = drawInfographic(ops);
  const preview = h('img', { class: 'infographic__image', src: canvas.toDataURL('image/png'), alt: t('programme:infographic.alt', { team: programme.teamName, n: round.no }), 'data-testid': 'infographic-preview', width: canvas.width, height: canvas.height });

  const png = () =>
    canvas.toBlob((blob) => {
      if (blob) downloadBlob(`${fileBase(programme, round)}.png`, blob);
    }, 'image/png');
  const pdf = async () => {
    const info = { title: data.heading, lang: currentLang(), at: new Date() };
    pdfButton.disabled = true;
    let bytes: Uint8Array;
    try {
      // Noto Sans embedded, so every name prints as typed; loaded only now.
      const { embeddedPdf } = await import('./pdfExport.ts');
      bytes = await embeddedPdf(ops, info);
    } catch {
      // Offline before the font was ever fetched: the standard fonts (letters outside Western Europe as "?").
      bytes = pdfBytes(writePdf(ops, info));
    } finally {
      pdfButton.disabled = false;
    }
    downloadBlob(`${fileBase(programme, round)}.pdf`, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
  };
  const pdfButton = button('export-infographic-pdf', t('programme:infographic.pdf'), () => void pdf());

  return {
    phase: 'follow-up',
    progress: roundOf(programme, round.no),
    nodes: [
      h(
        'div',
        { class: 'programme infographic' },
        h('div', { class: 'no-print' }, h('h1', { id: 'panel-title', class: 'programme__title' }, t('programme:infographic.title', { n: round.no })), h('p', {}, t('programme:infographic.intro'))),
        h(
          'div',
          { class: 'row no-print' },
          button('export-infographic-png', t('programme:infographic.png'), png, { class: 'primary' }),
          pdfButton,
          button('print-infographic', t('programme:infographic.print'), () => window.print()),
        ),
        h('p', { class: 'muted small no-print' }, t('programme:infographic.pdfNote')),
        h('figure', { class: 'infographic__sheet' }, preview),
        h('div', { class: 'no-print' }, textVersion(data)),
        h(
          'div',
          { class: 'row no-print' },
          button('back-to-programme', t('programme:common.toProgramme'), () => app.go({ name: 'programme', id: programme.id }), { class: 'secondary' }),
          round.items.length ? button('open-nudges', t('programme:programme.openNudges'), () => app.go({ name: 'nudges', id: programme.id, round: round.no })) : null,
        ),
      ),
    ],
  };
}
