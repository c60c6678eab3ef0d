// Reading and writing state as text (the `model` and `what-if` attributes, the URL fragment) and
// carrying it over a change of settings; loaded only when one of these happens. Like every lazily
// loaded part it imports nothing: K (the widget's kit, see sales-kpi-calculator.js) holds the
// helpers, so the bundler leaves the shared code in the entry file instead of splitting it into a
// chunk of its own.

export default ({ norm: plain, shift, isDec, getAt, call, PRESETS }) => {
  /** Canonical plain decimal of a number written with or without an exponent ("1.5e3": "1500"). */
  const norm = (s) => {
    const m = /^([+-]?[\d.]*)e([+-]?\d+)$/i.exec(String(s).trim());
    const n = plain(m ? m[1] : s);
    return m && n !== null ? shift(n, +m[2]) : n;
  };

  /** Every number in the model is turned into a canonical plain decimal string. */
  const normalizeModel = (v) => {
    if (Array.isArray(v)) return v.map(normalizeModel);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'name' ? x : normalizeModel(x)]));
    if (typeof v === 'number' && Number.isFinite(v)) return norm(String(v)) ?? v;
    if (typeof v === 'string') return norm(v) ?? v;
    return v;
  };

  // "#skc=" + base64url(JSON). Base64 keeps the fragment free of characters that hosts or chat
  // apps rewrite, and JSON of decimal strings round-trips byte for byte.
  const b64 = (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const unb64 = (s) => new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

  /** Reads the `model` attribute. Throws on anything that is not a JSON object with a funnel. */
  function parseModelAttr(text) {
    // The reviver's source text keeps big or long numbers written bare in JSON exact.
    const m = JSON.parse(text, (k, v, ctx) => (typeof v === 'number' && ctx?.source ? ctx.source : v));
    if (!m || typeof m !== 'object' || Array.isArray(m) || !m.funnel || !Array.isArray(m.funnel.stages)) throw new Error('model');
    return normalizeModel(m);
  }

  /**
   * Reads `what-if`: words such as "/funnel/dealSize:+10%" or "/funnel/stages/0/rate:+1pp".
   * Returns { changes: {lever: {unit, value}}, bad: [word] }. Values are kept as the engine wants
   * them: "+10%" is by "0.1", "+1pp" is add "0.01".
   */
  function parseWhatIfAttr(value) {
    const changes = {};
    const bad = [];
    for (const w of value.split(/[\s;,]+/).filter(Boolean)) {
      const m = /^(\/[A-Za-z]+(?:\/[A-Za-z0-9]+)*):([+-]?\d+(?:\.\d+)?)(%|pp)$/.exec(w);
      if (m) changes[m[1]] = { unit: m[3] === 'pp' ? 'add' : 'by', value: shift(norm(m[2]), -2) };
      else bad.push(w);
    }
    return { changes, bad };
  }

  /** Decodes and shape-checks a fragment: null when anything is off. */
  function decodeState(s) {
    let o;
    try {
      o = JSON.parse(unb64(s));
    } catch {
      return null;
    }
    const lever = (x) => typeof x === 'string' && /^\/[A-Za-z]+(\/[A-Za-z0-9]+)*$/.test(x);
    const obj = (x) => x && typeof x === 'object' && !Array.isArray(x);
    if (!obj(o) || o.v !== 1 || !PRESETS.includes(o.p) || !obj(o.m) || !obj(o.w) || !obj(o.r)) return null;
    if (typeof o.c !== 'string' || !/^[A-Z]{3}$/.test(o.c)) return null;
    for (const [k, c] of Object.entries(o.w)) {
      if (!lever(k) || !obj(c) || !['by', 'add'].includes(c.unit) || !isDec(c.value)) return null;
    }
    for (const [k, r] of Object.entries(o.r)) {
      if (!lever(k) || !obj(r) || !isDec(r.low) || !isDec(r.high)) return null;
    }
    return { preset: o.p, currency: o.c, model: o.m, whatif: o.w, ranges: o.r };
  }

  const encodeState = (st) => b64(JSON.stringify({ v: 1, p: st.preset, c: st.currency, m: st.model, w: st.whatif, r: st.ranges }));

  return {
    encodeState,

    /** Keeps the page's URL fragment up to date (the url-state attribute), unless results are stale. */
    writeUrl(w) {
      if (w.root.classList.contains('stale')) return;
      w.written = encodeState(w.state);
      history.replaceState(history.state, '', `#skc=${w.written}`);
    },

    /** The state in a link's fragment, checked the way the engine checks input; null if it is not valid. */
    readState(s) {
      const st = decodeState(s);
      try {
        call('compute', st.model);
        const changes = Object.entries(st.whatif).map(([lever, c]) => ({ lever, [c.unit]: c.value }));
        if (changes.length) call('whatIf', st.model, changes);
        return Object.keys(st.ranges).every((l) => isDec(getAt(st.model, l))) ? st : null;
      } catch {
        return null;
      }
    },

    /** After a change of language (`was` to `t`), the preset's stage names the reader kept follow it. */
    renameStages({ preset, model }, was, t) {
      const stages = model.funnel.stages;
      const old = was(`st_${preset}`).split('|');
      if (stages.length === old.length && stages.every((s, i) => s.name === old[i])) t(`st_${preset}`).split('|').forEach((name, i) => (stages[i].name = name));
    },

    /** Applies the `model` and `what-if` attributes to a fresh state where the engine accepts them; `bad(name, value)` notes the rest. */
    fromAttrs(st, model, whatif, bad) {
      if (model !== null) {
        try {
          const given = parseModelAttr(model);
          call('compute', given);
          st.model = given;
        } catch {
          bad('model', model);
        }
      }
      if (whatif !== null) {
        const p = parseWhatIfAttr(whatif);
        st.whatif = {};
        for (const [lever, c] of Object.entries(p.changes)) {
          try {
            if (!isDec(getAt(st.model, lever))) throw 0;
            call('whatIf', st.model, [{ lever, [c.unit]: c.value }]);
            st.whatif[lever] = c;
          } catch {
            p.bad.push(lever);
          }
        }
        if (p.bad.length) bad('what-if', p.bad.join(' '));
      }
    },
  };
};
