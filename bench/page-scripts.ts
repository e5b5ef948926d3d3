// Code that runs inside the deck's page. Plain JavaScript in strings on purpose: tsx compiles
// functions with name helpers (`__name`) that do not exist in the page, so a TypeScript function
// handed to Playwright would not run there.

/**
 * The recorder, installed before the app's scripts: every post card (article) added to the DOM
 * with its column, the post's `<time datetime>`, performance.now(), Date.now() and a text key;
 * and per column the frame that first painted one of its cards.
 */
export const RECORDER_SCRIPT = `(() => {
  const recorder = { cards: [], firstPaint: {}, recording: true };
  window.__bench = recorder;
  const note = (article, at, epochMs) => {
    const column = article.closest('[data-column-id]');
    const columnId = column ? column.getAttribute('data-column-id') : '';
    const time = article.querySelector('time');
    const text = article.textContent || '';
    recorder.cards.push([columnId, time ? time.getAttribute('datetime') || '' : '', at, epochMs, text.length + ':' + text.slice(0, 60)]);
    if (columnId && recorder.firstPaint[columnId] === undefined) {
      recorder.firstPaint[columnId] = -1;
      requestAnimationFrame(() => { recorder.firstPaint[columnId] = performance.now(); });
    }
  };
  new MutationObserver((records) => {
    if (!recorder.recording) return;
    const at = performance.now();
    const epochMs = Date.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches('article')) note(node, at, epochMs);
        for (const article of node.querySelectorAll('article')) note(article, at, epochMs);
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

/**
 * Scrolls one column's list down by `step` px per animation frame for `frames` frames (stopping
 * early once it stops moving: the end of what the list holds) and answers the frame deltas.
 * The scroll container is the element in the column that scrolls vertically.
 */
export const SCROLL_COLUMN_SCRIPT = `async ({ columnId, frames, step }) => {
  const region = document.querySelector('[data-column-id="' + columnId + '"]');
  if (!region) return { error: 'no column ' + columnId };
  const scrolls = (el) => /(auto|scroll)/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight;
  const scroller = [region, ...region.querySelectorAll('*')].find(scrolls);
  if (!scroller) return { error: 'nothing to scroll in column ' + columnId, cards: region.querySelectorAll('article').length };
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  await nextFrame();
  await nextFrame();
  const longTasks = [];
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
    observer.observe({ type: 'longtask' });
  } catch {}
  const deltas = [];
  let last = await nextFrame();
  let still = 0;
  let distance = 0;
  for (let frame = 0; frame < frames; frame++) {
    const before = scroller.scrollTop;
    scroller.scrollTop = before + step;
    const now = await nextFrame();
    deltas.push(now - last);
    last = now;
    const moved = scroller.scrollTop - before;
    distance += moved;
    still = moved > 0 ? 0 : still + 1;
    if (still >= 10) { deltas.splice(deltas.length - still); break; }
  }
  if (observer) observer.disconnect();
  return {
    deltas,
    distance,
    reachedEnd: still >= 10,
    cardsInDom: region.querySelectorAll('article').length,
    scrollHeight: scroller.scrollHeight,
    longTasks,
  };
}`;

/** Idle animation-frame deltas: what this headless Chromium gives when nothing happens. */
export const IDLE_FRAMES_SCRIPT = `async (frames) => {
  const deltas = [];
  let last = await new Promise((resolve) => requestAnimationFrame(resolve));
  for (let i = 0; i < frames; i++) {
    const now = await new Promise((resolve) => requestAnimationFrame(resolve));
    deltas.push(now - last);
    last = now;
  }
  return deltas;
}`;

/** Scrolls every column back to its top (new posts then arrive in view). */
export const SCROLL_ALL_TO_TOP_SCRIPT = `() => {
  for (const region of document.querySelectorAll('[data-column-id]')) {
    for (const el of [region, ...region.querySelectorAll('*')]) {
      if (/(auto|scroll)/.test(getComputedStyle(el).overflowY)) el.scrollTop = 0;
    }
  }
}`;
