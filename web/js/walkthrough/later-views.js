// later-views.js — what the first step does not show, in one module so the bundle
// (scripts/bundle.mjs) makes it a chunk of its own, imported after the first step is up
// (steps.js loadLaterViews): the token and plane views, the "Why scale?" chart and the demos.
export { stepViews } from './step-views.js';
export { whyScaleChart } from './why-scale.js';
export { printedRunBlock, issue11Sections } from './demos.js';
