/**
 * The team programme around the game (the InBalans cycle, three rounds): team poll → game → the executive on
 * the work floor → infographic → nudges, and each new round opens with the status of earlier actions.
 * Loaded lazily from the start screen (`open-programme`) and the game's summary (`start-visit`).
 */
import type { ScreenHost, VisitRequest } from '../extensions.ts';
import './texts.ts';
import './programme.css';
import { App } from './app.ts';
import { renderHome } from './ui/home.ts';
import { renderProgramme } from './ui/programmePage.ts';
import { renderPoll } from './ui/poll.ts';
import { renderVisit, startVisit } from './ui/visit.ts';
import { renderReview } from './ui/review.ts';
import { renderInfographic } from './ui/infographic.ts';
import { renderNudges } from './ui/nudges.ts';

function makeApp(host: ScreenHost): App {
  const app = new App(host);
  app.register('home', renderHome);
  app.register('programme', renderProgramme);
  app.register('poll', renderPoll);
  app.register('visit', renderVisit);
  app.register('visit-missing', renderVisit);
  app.register('review', renderReview);
  app.register('infographic', renderInfographic);
  app.register('nudges', renderNudges);
  return app;
}

/** The programme's start: the team's programmes, a new one, export and import. */
export function openProgramme(host: ScreenHost): void {
  const app = makeApp(host);
  app.go({ name: 'home' });
}

/** The executive's visit for a played session (from the game's summary). */
export function openVisit(host: ScreenHost, request: VisitRequest): void {
  const app = makeApp(host);
  startVisit(app, request.sessionId);
}
