// The charts of one calculator and their boxes: a chart is drawn again only when its data (or the
// language or currency) changed, a box is measured once and then on resizes, and every box is
// measured before any is drawn into, so a new widget is laid out once, not once per chart.

export class ChartBoard {
  /** @param {HTMLElement} host the element, whose width changes call for new drawings */
  constructor(host) {
    this.host = host;
    /** @type {Map<HTMLElement, (width: number) => Element>} the charts of the current layout */
    this.charts = new Map();
    /** @type {WeakMap<HTMLElement, string>} what each chart was last drawn for */
    this.drawnKeys = new WeakMap();
    /** @type {WeakMap<HTMLElement, number>} each box's measured width */
    this.widths = new WeakMap();
    /** @type {Set<HTMLElement>} boxes waiting for their first measurement */
    this.unmeasured = new Set();
    this.hostWidth = 0;
    this.frame = 0;
  }

  /** A new layout: its boxes replace the old ones. */
  clear() {
    this.charts = new Map();
    this.unmeasured.clear();
  }

  /**
   * Draws a chart when `drawn` (its data, language and currency) changed; a box never measured
   * waits for `drawUnmeasured`.
   * @param {HTMLElement} box
   * @param {string} drawn
   * @param {(width: number) => Element} chart
   */
  draw(box, drawn, chart) {
    this.charts.set(box, chart);
    if (this.drawnKeys.get(box) === drawn) return;
    this.drawnKeys.set(box, drawn);
    const width = this.widths.get(box);
    if (width === undefined) this.unmeasured.add(box);
    else box.replaceChildren(chart(width));
  }

  /** Draws the charts whose boxes were never measured (see `measureAndDraw`). */
  drawUnmeasured() {
    const boxes = [...this.unmeasured];
    this.unmeasured.clear();
    this.measureAndDraw(boxes);
  }

  /** The element was resized: charts are drawn again for the new width, in the next frame. */
  redraw() {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      if (this.hostWidth === this.host.clientWidth || !this.charts.size) return;
      this.hostWidth = this.host.clientWidth;
      this.measureAndDraw(this.charts.keys());
    });
  }

  /**
   * Measures the boxes, all first, in one layout, then draws each chart whose width changed.
   * (Measuring each box just before drawing into it laid a new widget out once per chart: 60 ms
   * of the default embed's first result, `npm run bench -- --only=reader`.)
   * @param {Iterable<HTMLElement>} boxes
   */
  measureAndDraw(boxes) {
    const sizes = [...boxes].map((box) => /** @type {const} */ ([box, Math.max(240, box.clientWidth || 320)]));
    for (const [box, width] of sizes) {
      const chart = this.charts.get(box);
      if (!chart || this.widths.get(box) === width) continue;
      this.widths.set(box, width);
      box.replaceChildren(chart(width));
    }
  }
}
