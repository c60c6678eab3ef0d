// Cumulative layout shift as Chromium reports it (the layout-shift entries of the Layout
// Instability API, without those right after input), for the CLS checks of the embed forms.

/** Starts recording layout shifts in every page the context opens; call before navigating. */
export async function recordLayoutShifts(context) {
  await context.addInitScript(() => {
    const record = (entries) => {
      for (const entry of entries) {
        if (entry.hadRecentInput) continue;
        window.__layoutShift.total += entry.value;
        window.__layoutShift.entries.push({ value: entry.value, at: Math.round(entry.startTime) });
      }
    };
    const observer = new PerformanceObserver((list) => record(list.getEntries()));
    // Entries queued for the observer but not yet delivered to it (takeRecords).
    const flush = () => record(observer.takeRecords());
    window.__layoutShift = { total: 0, entries: [], flush };
    observer.observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shift recorded so far in `page` (after two animation frames, so a last shift is in). */
export async function layoutShift(page) {
  return page.evaluate(
    () =>
      new Promise((ok) => {
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            window.__layoutShift.flush();
            const { total, entries } = window.__layoutShift;
            ok({ total, entries });
          }),
        );
      }),
  );
}

/** A long article body: paragraphs of text below the embed, so that a shift has something to move. */
export const ARTICLE_TEXT = Array.from(
  { length: 12 },
  (_, i) => `<p>Paragraph ${i + 1}. A sales funnel turns visitors into meetings and meetings into deals; the calculator above shows what each step is worth and what a change in one of them does to revenue.</p>`,
).join('\n');
