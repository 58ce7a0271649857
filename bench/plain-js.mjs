// The plain-JavaScript contestant is the one the Performance page runs: web/js/plain-attention.js.
export { plainAttention } from '../web/js/plain-attention.js';
