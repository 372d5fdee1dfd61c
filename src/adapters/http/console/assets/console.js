// The console's one script [#21]: no framework, no build step. It calls only the documented HTTP
// API with the key typed by the user, kept in sessionStorage (this tab, this session) and sent only
// in the Authorization header, never in a URL.

const MESSAGES = JSON.parse(document.getElementById('console-messages').textContent);
const KEY_STORE = 'pa-policy-console.key';
const LANG_STORE = 'pa-policy-console.lang';
const TABS = ['policies', 'parameters', 'decide', 'suites', 'log', 'status', 'charts'];

let lang = localStorage.getItem(LANG_STORE) === 'en' ? 'en' : 'it';
/** Re-renders the tab on show (after a language switch too); filled by each tab. */
const renderers = {};
const cache = { policies: null, details: new Map(), openapi: null };

// ---------------------------------------------------------------- helpers

function t(key, vars = {}) {
  const entry = MESSAGES[key];
  const text = entry ? entry[lang] : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

/** Builds an element: h('p', {class: 'x'}, 'text', child). Strings become text, never markup. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'text') el.textContent = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const json = (value) => JSON.stringify(value, null, 2);
const compact = (value) => (typeof value === 'string' ? value : JSON.stringify(value));
const code = (value) => h('code', {}, compact(value));

function table(caption, headers, rows, attrs = {}) {
  return h(
    'table',
    attrs,
    caption ? h('caption', {}, caption) : null,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h('tbody', {}, rows),
  );
}

/** Replaces an element's children; arrays (and nulls) inside are flattened (and dropped). */
function put(el, ...children) {
  el.replaceChildren(
    ...children.flat(Number.POSITIVE_INFINITY).filter((c) => c !== null && c !== undefined && c !== false),
  );
}

function body(tab) {
  return document.querySelector(`#tab-${tab} .tab-body`);
}

function notice(text, kind = 'info') {
  const box = document.getElementById('notice');
  put(box, text ? h('p', { class: `notice ${kind}` }, text) : '');
}

const euro = (cents) =>
  new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );

function todayInRome() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
}

function formatTime(iso) {
  return new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Europe/Rome',
  }).format(new Date(iso));
}

// ---------------------------------------------------------------- the API

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = 'GET', body: payload, accept } = {}) {
  const headers = { authorization: `Bearer ${sessionStorage.getItem(KEY_STORE) ?? ''}` };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (accept) headers.accept = accept;
  const response = await fetch(path, {
    method,
    headers,
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    if (response.status === 401) showLoggedOut(t('error.401'));
    throw new ApiError(response.status, problem);
  }
  return accept && !accept.includes('json') ? response.text() : response.json();
}

/** A failed call, said plainly: a 403 names the roles needed, a 422 lists each field. */
function problemView(error) {
  if (!(error instanceof ApiError)) return h('div', { class: 'problem', role: 'alert' }, String(error));
  const p = error.problem ?? {};
  const heading =
    error.status === 403
      ? t('error.403')
      : error.status === 401
        ? t('error.401')
        : `${t('error.generic')} (${error.status}${p.code ? ` ${p.code}` : ''})`;
  return h(
    'div',
    { class: 'problem', role: 'alert' },
    h('p', {}, h('strong', {}, heading)),
    p.detail ? h('p', {}, p.detail) : null,
    Array.isArray(p.violations) && p.violations.length > 0
      ? h(
          'ul',
          {},
          p.violations.map((v) => h('li', {}, code(v.field ?? `${v.file}:${v.path}`), ' ', v.reason)),
        )
      : null,
  );
}

async function policies() {
  cache.policies ??= (await api('/v1/policies')).policies;
  return cache.policies;
}

async function policy(id) {
  if (!cache.details.has(id)) cache.details.set(id, await api(`/v1/policies/${encodeURIComponent(id)}`));
  return cache.details.get(id);
}

async function openapi() {
  cache.openapi ??= await fetch('/openapi.json').then((r) => r.json());
  return cache.openapi;
}

function policySelect(id, list, { all = false, selected } = {}) {
  return h(
    'select',
    { id },
    all ? h('option', { value: '' }, t('common.allPolicies')) : null,
    list.map((p) => h('option', { value: p.id, selected: p.id === selected }, `${p.id} — ${p.title}`)),
  );
}

function field(label, control, help) {
  const id = control.id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    help ? h('small', { class: 'help' }, help) : null,
  );
}

// ---------------------------------------------------------------- readable conditions

const OPERATORS = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
};

function operand(value) {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'fact' in value)
    return factName(value.fact, value.params, value.path);
  return compact(value);
}

function factName(fact, params, path) {
  const name = fact === 'parameter' && params?.name ? `${t('cond.parameter')} ${params.name}` : fact;
  return path ? `${name} ${path}` : name;
}

/** "fleet count ≥ 2", "paymentDate after deadline": one line per comparison. */
function conditionText(c) {
  const subject = factName(c.fact, c.params, c.path);
  const symbol = OPERATORS[c.operator];
  if (symbol) return `${subject} ${symbol} ${operand(c.value)}`;
  if (c.operator === 'isNull') return `${subject} ${t(c.value === false ? 'op.isSet' : 'op.isNull')}`;
  if (c.operator === 'isEmpty') return `${subject} ${t(c.value === false ? 'op.isNotEmpty' : 'op.isEmpty')}`;
  const words = MESSAGES[`op.${c.operator}`] ? t(`op.${c.operator}`) : c.operator;
  return `${subject} ${words} ${operand(c.value)}`;
}

/** A condition tree as nested lists; with a trace, each leaf shows the values seen and ✓/✗. */
function conditionTree(c, traced = false) {
  for (const joiner of ['all', 'any']) {
    if (Array.isArray(c[joiner])) {
      return h(
        'div',
        { class: 'cond-group' },
        h(
          'span',
          { class: 'joiner' },
          traced && c.result !== undefined ? resultMark(c.result) : null,
          t(`cond.${joiner}`),
        ),
        h(
          'ul',
          {},
          c[joiner].map((x) => h('li', {}, conditionTree(x, traced))),
        ),
      );
    }
  }
  if (c.not)
    return h(
      'div',
      { class: 'cond-group' },
      h('span', { class: 'joiner' }, t('cond.not')),
      conditionTree(c.not, traced),
    );
  return h(
    'span',
    { class: 'cond' },
    traced ? resultMark(c.result) : null,
    h('code', {}, conditionText(c)),
    traced && 'factResult' in c
      ? h(
          'span',
          { class: 'seen' },
          ` — ${t('trace.seen')}: `,
          code(c.factResult),
          'valueResult' in c && c.value !== null && typeof c.value === 'object' && 'fact' in c.value
            ? [` ${t('trace.against')} `, code(c.valueResult)]
            : null,
        )
      : null,
  );
}

function resultMark(result) {
  if (result === undefined) return h('span', { class: 'mark skipped', title: t('trace.skipped') }, '· ');
  return result
    ? h('span', { class: 'mark pass', 'aria-label': t('trace.holds') }, '✓ ')
    : h('span', { class: 'mark fail', 'aria-label': t('trace.doesNotHold') }, '✗ ');
}

// ---------------------------------------------------------------- timeline of dated windows

/** Bars from each window's start to its end (open ends run to the right edge). */
function timeline(label, windows) {
  const day = (d) => Date.parse(`${d}T00:00:00Z`);
  const starts = windows.map((w) => day(w.from));
  const ends = windows.map((w) => (w.to ? day(w.to) : null));
  const min = Math.min(...starts);
  const max = Math.max(...starts, ...ends.filter((x) => x !== null), day(todayInRome())) + 86_400_000 * 30;
  const pct = (x) => `${(((x - min) / (max - min)) * 100).toFixed(2)}%`;
  return h(
    'ol',
    { class: 'timeline', 'aria-label': label },
    windows.map((w, i) => {
      const bar = h('span', { class: `bar ${w.current ? 'current' : ''}` });
      bar.style.marginLeft = pct(starts[i]);
      bar.style.width = `calc(${pct(ends[i] ?? max)} - ${pct(starts[i])} + 4px)`;
      return h(
        'li',
        {},
        h(
          'span',
          { class: 'when' },
          `${w.from} → ${w.to ?? t('common.open')}`,
          w.current ? ` (${t('common.inForce')})` : '',
        ),
        h('span', { class: 'track', 'aria-hidden': 'true' }, bar),
        w.label ? h('span', { class: 'what' }, w.label) : null,
      );
    }),
  );
}

// ---------------------------------------------------------------- tab: policies

renderers.policies = async (target, arg) => {
  const list = await policies();
  const detail = h('div', { class: 'detail' });
  const nav = h(
    'ul',
    { class: 'policy-list' },
    list.map((p) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: `#policies/${p.id}`, 'aria-current': p.id === arg ? 'true' : null },
          h('strong', {}, p.id),
          h('br'),
          p.title,
        ),
      ),
    ),
  );
  put(target, h('div', { class: 'split' }, h('nav', { 'aria-label': t('tab.policies') }, nav), detail));
  if (!arg) {
    detail.append(h('p', {}, t('policies.pick')));
    return;
  }
  const p = await policy(arg);
  const current = p.currentVersion?.effectiveFrom;
  put(
    detail,
    h(
      'div',
      { class: 'policy' },
      h('h3', {}, p.title),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('policies.id')),
        h('dd', {}, code(p.id)),
        h('dt', {}, t('policies.spec')),
        h('dd', {}, p.spec.join(', ')),
        h('dt', {}, t('policies.file')),
        h('dd', {}, code(p.file)),
      ),
      h('h4', {}, t('policies.sources')),
      h(
        'ul',
        {},
        p.sources.map((s) => h('li', {}, s)),
      ),
      p.assumptions?.length
        ? [
            h('h4', {}, t('policies.assumptions')),
            h(
              'ul',
              {},
              p.assumptions.map((s) => h('li', {}, s)),
            ),
          ]
        : null,
      h('h4', {}, t('policies.versions')),
      timeline(
        t('policies.versions'),
        p.versions.map((v) => ({
          from: v.effectiveFrom,
          to: v.effectiveTo,
          current: v.effectiveFrom === current,
        })),
      ),
      p.versions.map((v) =>
        h(
          'section',
          { class: 'version' },
          h(
            'h4',
            {},
            t('policies.version', { from: v.effectiveFrom, to: v.effectiveTo ?? t('common.open') }),
          ),
          h(
            'ol',
            { class: 'rules' },
            v.rules.map((r) =>
              h(
                'li',
                { class: 'rule' },
                h(
                  'p',
                  {},
                  h('strong', {}, r.name),
                  ' ',
                  h('span', { class: `tag ${r.effect}` }, r.code ?? t(`effect.${r.effect}`)),
                ),
                h('p', {}, r.description),
                r.conditions
                  ? h(
                      'div',
                      { class: 'conditions' },
                      h(
                        'span',
                        { class: 'label' },
                        t(r.effect === 'violation' ? 'policies.violatedWhen' : 'policies.when'),
                      ),
                      conditionTree(r.conditions),
                    )
                  : null,
                h('p', { class: 'source' }, `${t('common.source')}: `, r.source),
              ),
            ),
          ),
          v.parameters.length
            ? h(
                'p',
                {},
                `${t('policies.parameters')}: `,
                v.parameters.map((name, i) => [i ? ', ' : '', h('a', { href: `#parameters/${name}` }, name)]),
              )
            : null,
        ),
      ),
      h('h4', {}, t('policies.messages')),
      table(
        null,
        [t('common.code'), 'Italiano', 'English'],
        Object.entries(p.messages).map(([c, m]) =>
          h('tr', {}, h('td', {}, code(c)), h('td', { lang: 'it' }, m.it), h('td', { lang: 'en' }, m.en)),
        ),
      ),
      h('p', {}, h('a', { href: `#decide/${p.id}`, class: 'button' }, t('policies.try'))),
    ),
  );
};

// ---------------------------------------------------------------- tab: parameters

async function allParameters() {
  const list = await policies();
  const details = await Promise.all(list.map((p) => policy(p.id)));
  const byName = new Map();
  for (const d of details)
    for (const p of d.parameters) {
      const known = byName.get(p.name) ?? { ...p, policies: [] };
      known.policies.push(d.id);
      byName.set(p.name, known);
    }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function inForce(history, date) {
  let found = null;
  for (const entry of history) if (entry.from <= date && (!found || entry.from >= found.from)) found = entry;
  return found;
}

function valueView(value) {
  const text = json(value);
  return text.length > 160
    ? h('details', {}, h('summary', {}, `${compact(value).slice(0, 80)}…`), h('pre', {}, text))
    : code(value);
}

renderers.parameters = async (target, arg) => {
  const params = await allParameters();
  const chosen = params.find((p) => p.name === arg) ?? params[0];
  const select = h(
    'select',
    { id: 'parameter-name' },
    params.map((p) => h('option', { value: p.name, selected: p === chosen }, p.name)),
  );
  select.addEventListener('change', () => {
    location.hash = `#parameters/${select.value}`;
  });
  const date = h('input', { id: 'parameter-date', type: 'date', value: todayInRome() });
  const answer = h('p', { class: 'answer', 'aria-live': 'polite' });
  const rows = h('tbody');
  const sorted = [...chosen.history].sort((a, b) => (a.from < b.from ? -1 : 1));
  const show = () => {
    const entry = inForce(chosen.history, date.value);
    put(
      answer,
      entry
        ? [
            t('parameters.onDate', { date: date.value }),
            ' ',
            valueView(entry.value),
            ' ',
            h('small', {}, `(${t('parameters.since')} ${entry.from}; ${entry.source})`),
          ]
        : t('parameters.unset', { date: date.value }),
    );
    put(
      rows,
      ...sorted.map((e) =>
        h(
          'tr',
          { class: e === entry ? 'in-force' : null, 'aria-current': e === entry ? 'true' : null },
          h('td', {}, e.from),
          h('td', {}, valueView(e.value)),
          h('td', {}, e.source),
        ),
      ),
    );
  };
  date.addEventListener('input', show);
  put(
    target,
    h('div', { class: 'toolbar' }, field(t('parameters.name'), select), field(t('parameters.date'), date)),
    h('h3', {}, chosen.name),
    h('p', {}, chosen.description),
    h(
      'p',
      { class: 'meta' },
      `${t('policies.file')}: `,
      code(chosen.file),
      chosen.unit ? ` · ${t('parameters.unit')}: ${chosen.unit}` : '',
      ` · ${t('parameters.usedBy')}: ${chosen.policies.join(', ')}`,
    ),
    answer,
    timeline(
      t('parameters.history'),
      sorted.map((e, i) => ({
        from: e.from,
        to: sorted[i + 1]?.from ?? null,
        label: compact(e.value).slice(0, 60),
      })),
    ),
    h(
      'table',
      {},
      h('caption', {}, t('parameters.history')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('parameters.from'), t('parameters.value'), t('common.source')].map((x) =>
            h('th', { scope: 'col' }, x),
          ),
        ),
      ),
      rows,
    ),
  );
  show();
};

// ---------------------------------------------------------------- tab: try a decision

/** A form control for one schema node; `read()` gives its value, undefined when left empty. */
function schemaControl(schema, path, label, required) {
  const id = `f${path.replace(/[^A-Za-z0-9]/g, '-')}`;
  const help = schema.description;
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (schema.enum || schema.const !== undefined) {
    const options = schema.enum ?? [schema.const];
    const select = h(
      'select',
      { id, 'data-path': path },
      required ? null : h('option', { value: '' }, '—'),
      options.map((o) => h('option', { value: JSON.stringify(o) }, compact(o))),
    );
    return {
      element: field(label, select, help),
      read: () => (select.value === '' ? undefined : JSON.parse(select.value)),
      write: (v) => {
        select.value = v === undefined ? '' : JSON.stringify(v);
      },
    };
  }
  if (type === 'object' && schema.properties) {
    const required_ = new Set(schema.required ?? []);
    const children = Object.entries(schema.properties).map(([name, s]) => [
      name,
      schemaControl(s, `${path}/${name}`, `${name}${required_.has(name) ? ' *' : ''}`, required_.has(name)),
    ]);
    const element = h(
      'fieldset',
      { class: 'object' },
      h('legend', {}, label),
      help ? h('p', { class: 'help' }, help) : null,
      children.map(([, c]) => c.element),
    );
    return {
      element,
      read: () => {
        const out = {};
        for (const [name, c] of children) {
          const v = c.read();
          if (v !== undefined) out[name] = v;
        }
        return Object.keys(out).length === 0 && !required ? undefined : out;
      },
      write: (v) => {
        for (const [name, c] of children) c.write(v?.[name]);
      },
    };
  }
  if (type === 'array' && schema.items) {
    const list = h('ol', { class: 'array' });
    const items = [];
    const add = (value) => {
      const n = items.length + 1;
      const c = schemaControl(
        schema.items,
        `${path}/${n}-${Math.random().toString(36).slice(2, 6)}`,
        `${label.replace(' *', '')} ${n}`,
        true,
      );
      const li = h('li', {}, c.element);
      const entry = { c, li };
      li.append(
        h(
          'button',
          {
            type: 'button',
            class: 'remove',
            onclick: () => {
              items.splice(items.indexOf(entry), 1);
              li.remove();
            },
          },
          t('decide.remove'),
        ),
      );
      items.push(entry);
      list.append(li);
      if (value !== undefined) c.write(value);
    };
    const element = h(
      'fieldset',
      { class: 'array', id },
      h('legend', {}, label),
      help ? h('p', { class: 'help' }, help) : null,
      list,
      h(
        'button',
        { type: 'button', onclick: () => add() },
        t('decide.add', { what: label.replace(' *', '') }),
      ),
    );
    return {
      element,
      read: () => {
        const values = items.map((x) => x.c.read()).filter((v) => v !== undefined);
        return values.length === 0 && !required ? undefined : values;
      },
      write: (v) => {
        for (const x of items) x.li.remove();
        items.length = 0;
        for (const value of v ?? []) add(value);
      },
    };
  }
  if (type === 'boolean') {
    const select = h(
      'select',
      { id, 'data-path': path },
      required ? null : h('option', { value: '' }, '—'),
      h('option', { value: 'true' }, t('common.yes')),
      h('option', { value: 'false' }, t('common.no')),
    );
    return {
      element: field(label, select, help),
      read: () => (select.value === '' ? undefined : select.value === 'true'),
      write: (v) => {
        select.value = v === undefined ? (required ? 'false' : '') : String(v);
      },
    };
  }
  if (type === 'integer' || type === 'number') {
    const input = h('input', {
      id,
      type: 'number',
      step: type === 'integer' ? '1' : 'any',
      min: schema.minimum,
      max: schema.maximum,
      'data-path': path,
    });
    return {
      element: field(label, input, help),
      read: () => (input.value === '' ? undefined : Number(input.value)),
      write: (v) => {
        input.value = v ?? '';
      },
    };
  }
  if (type === 'string') {
    const input = h('input', {
      id,
      type: schema.format === 'date' ? 'date' : 'text',
      'data-path': path,
      maxlength: schema.maxLength,
    });
    return {
      element: field(label, input, help),
      read: () => (input.value === '' ? undefined : input.value),
      write: (v) => {
        input.value = v ?? '';
      },
    };
  }
  // Anything else (no type, combinations): JSON typed by hand.
  const area = h('textarea', { id, rows: 3, 'data-path': path });
  return {
    element: field(`${label} (JSON)`, area, help),
    read: () => (area.value.trim() === '' ? undefined : JSON.parse(area.value)),
    write: (v) => {
      area.value = v === undefined ? '' : json(v);
    },
  };
}

/** Shell words that reproduce the decision: the CLI (`pa-policy explain`) and curl, without the key. */
function reproduction(policyId, facts, at) {
  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const factsJson = JSON.stringify(facts);
  const body = JSON.stringify({ facts, ...(at ? { at } : {}), trace: true });
  return [
    `echo ${quote(factsJson)} | npx pa-policy explain ${policyId} --facts -${at ? ` --at ${at}` : ''}`,
    `curl -s -X POST ${location.origin}/v1/policies/${policyId}/decisions \\\n  -H "Authorization: Bearer $PA_POLICY_KEY" -H 'Content-Type: application/json' \\\n  -d ${quote(body)}`,
  ].join('\n\n');
}

function decisionView(d) {
  return h(
    'div',
    { class: 'decision' },
    h(
      'p',
      { class: `outcome ${d.outcome}` },
      `${t('decide.outcome')}: `,
      h('strong', {}, t(`outcome.${d.outcome}`)),
      ` · ${t('decide.version', { from: d.version.effectiveFrom, to: d.version.effectiveTo ?? t('common.open') })} · at ${d.at}`,
    ),
    h(
      'p',
      { class: 'meta' },
      `${t('log.hash')}: `,
      code(d.rulesetHash),
      d.decisionId ? [` · ${t('log.id')}: `, h('a', { href: `#log/${d.decisionId}` }, d.decisionId)] : null,
    ),
    d.violations.length
      ? table(
          t('decide.violations'),
          [t('common.code'), 'Italiano', 'English', t('decide.rule'), t('common.source')],
          d.violations.map((v) =>
            h(
              'tr',
              {},
              h('td', {}, code(v.code)),
              h('td', { lang: 'it' }, v.message.it),
              h('td', { lang: 'en' }, v.message.en),
              h('td', {}, v.rule),
              h('td', {}, v.source),
            ),
          ),
          { class: 'violations' },
        )
      : h('p', {}, t('decide.noViolations')),
    h('h4', {}, t('decide.outputs')),
    outputsView(d.outputs),
    d.trace ? traceView(d.trace) : null,
  );
}

function outputsView(outputs) {
  const entries = Object.entries(outputs ?? {});
  if (entries.length === 0) return h('p', {}, '—');
  return h(
    'dl',
    { class: 'facts' },
    entries.map(([k, v]) => [
      h('dt', {}, k),
      h('dd', {}, /Cents$/.test(k) && typeof v === 'number' ? `${euro(v)} (${v})` : valueView(v)),
    ]),
  );
}

function traceView(trace) {
  return h(
    'section',
    { class: 'trace' },
    h('h4', {}, t('trace.title')),
    h(
      'ol',
      { class: 'rules' },
      trace.rules.map((r) =>
        h(
          'li',
          { class: `rule ${r.fired ? 'fired' : ''}` },
          h(
            'p',
            {},
            resultMark(r.fired),
            h('strong', {}, r.name),
            ' ',
            h('span', { class: `tag ${r.effect}` }, r.code ?? t(`effect.${r.effect}`)),
            ' — ',
            r.fired ? t('trace.fired') : t('trace.notFired'),
          ),
          conditionTree(r.conditions, true),
          h('p', { class: 'source' }, `${t('common.source')}: `, r.source),
        ),
      ),
    ),
    h('h4', {}, t('trace.computed')),
    table(
      null,
      [t('trace.fact'), t('parameters.value')],
      Object.entries(trace.computed).map(([k, v]) =>
        h('tr', {}, h('td', {}, code(k)), h('td', {}, valueView(v))),
      ),
    ),
    h('h4', {}, t('trace.parameters')),
    table(
      null,
      [
        t('parameters.name'),
        t('parameters.value'),
        t('trace.asOf'),
        t('parameters.from'),
        t('common.source'),
      ],
      trace.parameters.map((p) =>
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: `#parameters/${p.name}` }, p.name)),
          h('td', {}, valueView(p.value)),
          h('td', {}, p.asOf),
          h('td', {}, p.from ?? '—'),
          h('td', {}, p.source ?? '—'),
        ),
      ),
    ),
  );
}

renderers.decide = async (target, arg) => {
  const list = await policies();
  const id = list.some((p) => p.id === arg) ? arg : list[0].id;
  const p = await policy(id);
  const select = policySelect('decide-policy', list, { selected: id });
  select.addEventListener('change', () => {
    location.hash = `#decide/${select.value}`;
  });
  const root = schemaControl(p.facts, '', t('decide.facts'), true);
  const at = h('input', { id: 'decide-at', type: 'date' });
  // The same facts as JSON, to paste a case from a suite or a log entry into the form.
  const jsonArea = h('textarea', { id: 'decide-json', rows: 8, spellcheck: 'false' });
  const jsonError = h('p', { 'aria-live': 'polite' });
  const jsonBox = h(
    'details',
    { class: 'json-box' },
    h('summary', {}, t('decide.json')),
    field(t('decide.jsonLabel'), jsonArea),
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          try {
            root.write(JSON.parse(jsonArea.value));
            put(jsonError);
          } catch (e) {
            put(jsonError, h('span', { class: 'problem' }, String(e.message)));
          }
        },
      },
      t('decide.jsonApply'),
    ),
    h(
      'button',
      { type: 'button', onclick: () => (jsonArea.value = json(root.read() ?? {})) },
      t('decide.jsonRead'),
    ),
    jsonError,
  );
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const doc = await openapi().catch(() => null);
  const examples =
    doc?.paths?.[`/v1/policies/${id}/decisions`]?.post?.requestBody?.content?.['application/json']
      ?.examples ?? {};
  const exampleButtons = Object.entries(examples).map(([name, ex]) =>
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          root.write(ex.value.facts);
          at.value = ex.value.at ?? '';
        },
        title: ex.summary,
      },
      t('decide.example', { outcome: t(`outcome.${name}`) }),
    ),
  );
  const form = h(
    'form',
    { id: 'decide-form', class: 'decide' },
    h(
      'div',
      { class: 'toolbar' },
      field(t('decide.policy'), select),
      field(
        t('decide.at'),
        at,
        p.defaultAt ? t('decide.defaultAt', { fact: p.defaultAt }) : t('decide.today'),
      ),
      exampleButtons,
    ),
    root.element,
    jsonBox,
    h('button', { type: 'submit', class: 'primary' }, t('decide.submit')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let facts;
    try {
      facts = root.read() ?? {};
    } catch (e) {
      put(result, problemView(e));
      return;
    }
    put(result, h('p', {}, t('common.loading')));
    try {
      const d = await api(`/v1/policies/${encodeURIComponent(id)}/decisions`, {
        method: 'POST',
        body: { facts, ...(at.value ? { at: at.value } : {}), trace: true },
      });
      put(
        result,
        decisionView(d),
        h('h4', {}, t('decide.reproduce')),
        h('p', { class: 'help' }, t('decide.reproduceHelp')),
        h(
          'pre',
          { class: 'repro', tabindex: '0', 'aria-label': t('decide.reproduce') },
          reproduction(id, facts, at.value),
        ),
      );
    } catch (e) {
      put(result, problemView(e));
    }
  });
  put(target, h('p', {}, h('strong', {}, p.title), ` — ${p.spec.join(', ')}`), form, result);
  if (examples.deny) {
    root.write(examples.deny.value.facts);
    at.value = examples.deny.value.at ?? '';
  }
};

// ---------------------------------------------------------------- tab: suites and coverage

renderers.suites = async (target) => {
  const list = await policies();
  const select = policySelect('suites-policy', list, { all: true });
  const out = h('div', { class: 'result', 'aria-live': 'polite' });
  const query = () => (select.value ? `?policy=${encodeURIComponent(select.value)}` : '');
  const run = h('button', { type: 'button', class: 'primary', id: 'run-suites' }, t('suites.run'));
  const junit = h('button', { type: 'button', id: 'junit' }, t('suites.junit'));
  run.addEventListener('click', async () => {
    put(out, h('p', {}, t('common.loading')));
    try {
      const report = await api(`/v1/audit/suites${query()}`, { method: 'POST' });
      put(out, suiteReport(report));
    } catch (e) {
      put(out, problemView(e));
    }
  });
  junit.addEventListener('click', async () => {
    try {
      const xml = await api(`/v1/audit/suites${query()}${query() ? '&' : '?'}format=junit`, {
        method: 'POST',
        accept: 'application/xml',
      });
      const link = h('a', {
        href: URL.createObjectURL(new Blob([xml], { type: 'application/xml' })),
        download: `${select.value || 'rules'}-junit.xml`,
      });
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      put(out, problemView(e));
    }
  });
  put(target, h('div', { class: 'toolbar' }, field(t('decide.policy'), select), run, junit), out);
};

function outcomeLine(outcome, codes) {
  return h(
    'div',
    {},
    h('strong', {}, t(`outcome.${outcome}`)),
    codes?.length ? [' ', code(codes.join(', '))] : null,
  );
}

/** What the case expects; a field that did not match is repeated below with its expected value. */
function expectedView(c) {
  const e = c.expect;
  return [
    e ? outcomeLine(e.outcome, e.violations) : null,
    e?.outputs ? h('div', {}, code(e.outputs)) : null,
    c.mismatches.map((m) => h('div', { class: 'mismatch' }, code(m.field), ': ', code(m.expected))),
  ];
}

function suiteReport(report) {
  const groups = new Map();
  for (const c of report.cases) groups.set(c.policy, [...(groups.get(c.policy) ?? []), c]);
  return h(
    'div',
    {},
    h(
      'p',
      { class: `summary ${report.failed ? 'deny' : 'allow'}` },
      t('suites.summary', { passed: report.passed, failed: report.failed, gaps: report.coverageGaps }),
    ),
    [...groups].map(([policyId, cases]) =>
      table(
        policyId,
        ['', t('suites.case'), t('suites.expected'), t('suites.actual')],
        cases.map((c) =>
          h(
            'tr',
            { class: c.passed ? 'pass' : 'fail' },
            h('td', {}, resultMark(c.passed)),
            h('td', {}, c.name),
            h('td', {}, expectedView(c)),
            h(
              'td',
              {},
              c.outcome ? outcomeLine(c.outcome, c.violations) : null,
              c.mismatches.map((m) => h('div', { class: 'mismatch' }, code(m.field), ': ', code(m.actual))),
            ),
          ),
        ),
        { class: 'cases' },
      ),
    ),
    h('h3', {}, t('suites.coverage')),
    table(
      t('suites.coverageHelp'),
      [
        t('decide.policy'),
        t('suites.version'),
        t('decide.rule'),
        t('suites.fired'),
        t('suites.notFired'),
        '',
      ],
      report.coverage.map((r) =>
        h(
          'tr',
          { class: r.gap ? 'fail' : 'pass' },
          h('td', {}, r.policy),
          h('td', {}, r.version),
          h('td', {}, r.rule),
          h('td', { class: 'num' }, r.seenHolding),
          h('td', { class: 'num' }, r.seenNotHolding),
          h('td', {}, r.gap ? ['✗ ', r.gap] : '✓'),
        ),
      ),
      { class: 'coverage', id: 'coverage-table' },
    ),
    report.uncoveredPolicies.length
      ? h('p', { class: 'problem' }, `${t('suites.noSuite')}: ${report.uncoveredPolicies.join(', ')}`)
      : null,
  );
}

// ---------------------------------------------------------------- tab: decision log

renderers.log = async (target, arg) => {
  const list = await policies();
  const form = h('form', { class: 'toolbar', id: 'log-form' });
  const policyBox = policySelect('log-policy', list, { all: true });
  const from = h('input', { id: 'log-from', type: 'date' });
  const to = h('input', { id: 'log-to', type: 'date' });
  const outcome = h(
    'select',
    { id: 'log-outcome' },
    h('option', { value: '' }, t('common.any')),
    h('option', { value: 'allow' }, t('outcome.allow')),
    h('option', { value: 'deny' }, t('outcome.deny')),
  );
  const hash = h('input', { id: 'log-hash', type: 'text', spellcheck: 'false' });
  form.append(
    field(t('decide.policy'), policyBox),
    field(t('log.from'), from),
    field(t('log.to'), to),
    field(t('decide.outcome'), outcome),
    field(t('log.hash'), hash),
    h('button', { type: 'submit', class: 'primary' }, t('log.search')),
  );
  const results = h('div', { class: 'result', 'aria-live': 'polite' });
  const opened = h('div', { class: 'result', id: 'log-decision' });
  const rows = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, t('log.more'));
  const resultTable = h(
    'table',
    { id: 'log-table' },
    h('caption', {}, t('log.results')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [t('log.time'), t('decide.policy'), 'at', t('decide.outcome'), t('log.hash'), ''].map((x) =>
          h('th', { scope: 'col' }, x),
        ),
      ),
    ),
    rows,
  );
  let next = null;
  const search = async (cursor) => {
    const q = new URLSearchParams({ limit: '25' });
    for (const [name, el] of [
      ['policy', policyBox],
      ['from', from],
      ['to', to],
      ['outcome', outcome],
      ['rulesetHash', hash],
    ])
      if (el.value) q.set(name, el.value.trim());
    if (cursor) q.set('cursor', cursor);
    try {
      const page = await api(`/v1/decisions?${q}`);
      if (!cursor) put(rows);
      for (const d of page.decisions)
        rows.append(
          h(
            'tr',
            {},
            h('td', {}, formatTime(d.time)),
            h('td', {}, d.policy),
            h('td', {}, d.at),
            h('td', { class: d.outcome }, t(`outcome.${d.outcome}`)),
            h('td', {}, code(d.rulesetHash.slice(0, 19))),
            h('td', {}, h('a', { href: `#log/${d.decisionId}` }, t('log.open'))),
          ),
        );
      next = page.next;
      more.hidden = !next;
      put(results, rows.children.length ? resultTable : h('p', {}, t('log.none')), more);
    } catch (e) {
      put(results, problemView(e));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  more.addEventListener('click', () => search(next));
  put(target, form, results, opened);
  await search();
  if (arg) await openDecision(opened, arg);
};

async function openDecision(target, id) {
  try {
    const d = await api(`/v1/decisions/${encodeURIComponent(id)}`);
    const replayOut = h('div', { 'aria-live': 'polite', id: 'replay-result' });
    const replay = h('button', { type: 'button', class: 'primary', id: 'replay' }, t('log.replay'));
    replay.addEventListener('click', async () => {
      try {
        const r = await api(`/v1/decisions/${encodeURIComponent(id)}/replay`, { method: 'POST' });
        put(
          replayOut,
          r.same
            ? h('p', { class: 'outcome allow' }, `✓ ${t('log.same')}`)
            : [
                h('p', { class: 'outcome deny' }, `✗ ${t('log.different')}`),
                table(
                  null,
                  [t('log.field'), t('log.logged'), t('log.replayed')],
                  r.differences.map((x) =>
                    h(
                      'tr',
                      {},
                      h('td', {}, x.field),
                      h('td', {}, valueView(x.logged)),
                      h('td', {}, valueView(x.replayed)),
                    ),
                  ),
                ),
              ],
        );
      } catch (e) {
        put(replayOut, problemView(e));
      }
    });
    put(
      target,
      h('h3', {}, t('log.decision', { id: d.decisionId })),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('log.time')),
        h('dd', {}, formatTime(d.time)),
        h('dt', {}, t('decide.policy')),
        h('dd', {}, h('a', { href: `#policies/${d.policy}` }, d.policy)),
        h('dt', {}, 'at'),
        h('dd', {}, d.at),
        h('dt', {}, t('log.hash')),
        h('dd', {}, code(d.rulesetHash)),
        h('dt', {}, t('decide.outcome')),
        h('dd', { class: d.outcome }, t(`outcome.${d.outcome}`)),
        d.redacted.length ? [h('dt', {}, t('log.redacted')), h('dd', {}, d.redacted.join(', '))] : null,
      ),
      h('h4', {}, t('decide.facts')),
      h('pre', {}, json(d.facts)),
      d.violations.length
        ? table(
            t('decide.violations'),
            [t('common.code'), 'Italiano', 'English'],
            d.violations.map((v) =>
              h(
                'tr',
                {},
                h('td', {}, code(v.code)),
                h('td', { lang: 'it' }, v.message.it),
                h('td', { lang: 'en' }, v.message.en),
              ),
            ),
          )
        : h('p', {}, t('decide.noViolations')),
      h('h4', {}, t('decide.outputs')),
      outputsView(d.outputs),
      replay,
      replayOut,
    );
    target.scrollIntoView?.({ block: 'start' });
  } catch (e) {
    put(target, problemView(e));
  }
}

// ---------------------------------------------------------------- tab: rule-set status

/** A rule-file problem as `file:line:column reason` when it says where. */
function problemLine(p) {
  if (typeof p === 'string') return p;
  if (!p?.file) return compact(p);
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined && x !== null).join(':');
  return `${where} ${p.reason ?? p.message ?? ''}`.trim();
}

renderers.status = async (target) => {
  const health = await fetch('/healthz').then((r) => r.json());
  const response = await fetch('/v1/rules/status', {
    headers: { authorization: `Bearer ${sessionStorage.getItem(KEY_STORE)}` },
  });
  const parts = [
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('status.serving')),
      h('dd', {}, code(health.rulesetHash)),
      health.rules ? [h('dt', {}, 'healthz rules'), h('dd', {}, valueView(health.rules))] : null,
    ),
  ];
  if (response.ok) {
    const s = await response.json();
    const entries = Object.entries(s).filter(([k]) => k !== 'problems');
    parts.push(
      h(
        'dl',
        { class: 'facts' },
        entries.map(([k, v]) => [h('dt', {}, k), h('dd', {}, valueView(v))]),
      ),
    );
    if (Array.isArray(s.problems) && s.problems.length)
      parts.push(
        h('h3', {}, t('status.problems')),
        h(
          'ul',
          { class: 'problem' },
          s.problems.map((p) => h('li', {}, code(problemLine(p)))),
        ),
      );
  } else if (response.status === 404) {
    parts.push(h('p', { class: 'help' }, t('status.unavailable')));
  } else {
    parts.push(problemView(new ApiError(response.status, await response.json().catch(() => null))));
  }
  put(target, ...parts);
};

// ---------------------------------------------------------------- tab: charts (uPlot)

renderers.charts = async (target) => {
  const at = h('input', { id: 'chart-date', type: 'date', value: '2017-01-20' });
  const year = h('input', { id: 'chart-year', type: 'number', value: '2017', min: '2000', max: '2100' });
  const size = h('input', { id: 'chart-size', type: 'number', value: '30', min: '2', max: '250' });
  const feeBox = h('div', { class: 'chart', id: 'fee-chart' });
  const draw = h('button', { type: 'button', class: 'primary' }, t('charts.draw'));
  draw.addEventListener('click', () => feeChart(feeBox, year.value, at.value, Number(size.value)));
  const month = h('input', { id: 'chart-month', type: 'month', value: '2025-06' });
  const calendarBox = h('div', { class: 'calendar', id: 'calendar' });
  month.addEventListener('input', () => calendarView(calendarBox, month.value));
  const perDay = h('div', { class: 'chart', id: 'decisions-chart' });
  put(
    target,
    h('h3', {}, t('charts.decisions')),
    h('p', { class: 'help' }, t('charts.decisionsHelp')),
    perDay,
    h('h3', {}, t('charts.fee')),
    h('p', { class: 'help' }, t('charts.feeHelp')),
    h(
      'div',
      { class: 'toolbar' },
      field(t('charts.year'), year),
      field(t('decide.at'), at),
      field(t('charts.size'), size),
      draw,
    ),
    feeBox,
    h('h3', {}, t('charts.calendar')),
    h('div', { class: 'toolbar' }, field(t('charts.month'), month)),
    calendarBox,
  );
  await calendarView(calendarBox, month.value);
  await decisionsChart(perDay);
};

const PALETTE = ['#0b3d91', '#8f1d1d', '#0a5c2b', '#7a4b00', '#5b2a86', '#00616e', '#a3306b', '#3d3d3d'];

/** Decisions per day (Europe/Rome) for each policy and outcome, from the latest 500 in the log. */
async function decisionsChart(box) {
  let page;
  try {
    page = await api('/v1/decisions?limit=500');
  } catch (e) {
    put(box, problemView(e));
    return;
  }
  const dayOf = (iso) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(iso));
  const counts = new Map();
  const days = new Set();
  for (const d of page.decisions) {
    const key = `${d.policy} · ${t(`outcome.${d.outcome}`)}`;
    const day = dayOf(d.time);
    days.add(day);
    const perDay = counts.get(key) ?? new Map();
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    counts.set(key, perDay);
  }
  if (counts.size === 0) {
    put(box, h('p', {}, t('log.none')));
    return;
  }
  const sortedDays = [...days].sort();
  const keys = [...counts.keys()].sort();
  put(box);
  if (globalThis.uPlot)
    new globalThis.uPlot(
      {
        width: Math.min(800, box.clientWidth || 800),
        height: 260,
        axes: [{}, { label: t('charts.count') }],
        series: [
          { label: t('charts.day') },
          ...keys.map((k, i) => ({
            label: k,
            stroke: PALETTE[i % PALETTE.length],
            width: 2,
            points: { show: true },
          })),
        ],
      },
      [
        sortedDays.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000),
        ...keys.map((k) => sortedDays.map((d) => counts.get(k).get(d) ?? 0)),
      ],
      box,
    );
  box.append(
    table(
      t('charts.decisions'),
      [t('log.time'), ...keys],
      sortedDays.map((d) =>
        h(
          'tr',
          {},
          h('td', {}, d),
          keys.map((k) => h('td', { class: 'num' }, counts.get(k).get(d) ?? 0)),
        ),
      ),
      { class: 'decisions-table' },
    ),
  );
}

/** The fee against fleet size: one decision per size (each is logged, like any API decision). */
async function feeChart(box, year, at, n) {
  put(box, h('p', {}, t('common.loading')));
  const sizes = [];
  const fees = [];
  try {
    for (let k = 1; k <= n; k++) {
      const fleet = Array.from({ length: k }, (_, i) => ({
        plate: `CHART${i}`,
        kind: 'vehicle',
        massKg: 3500,
        inFleetFrom: '2000-01-01',
      }));
      const d = await api('/v1/policies/albo.quota/decisions', {
        method: 'POST',
        body: { facts: { year: Number(year), fleet }, ...(at ? { at } : {}) },
      });
      sizes.push(k);
      fees.push(typeof d.outputs.amountCents === 'number' ? d.outputs.amountCents / 100 : null);
    }
  } catch (e) {
    put(box, problemView(e));
    return;
  }
  put(box);
  if (!globalThis.uPlot) return;
  new globalThis.uPlot(
    {
      title: t('charts.fee'),
      width: Math.min(800, box.clientWidth || 800),
      height: 300,
      scales: { x: { time: false } },
      axes: [{ label: t('charts.size') }, { label: '€' }],
      series: [
        { label: t('charts.size') },
        {
          label: t('charts.feeSeries'),
          stroke: '#0b5394',
          width: 2,
          paths: globalThis.uPlot.paths.stepped({ align: 1 }),
        },
      ],
    },
    [sizes, fees],
    box,
  );
  box.append(
    table(
      t('charts.fee'),
      [t('charts.size'), '€'],
      sizes.map((s, i) =>
        h('tr', {}, h('td', {}, s), h('td', {}, fees[i] === null ? '—' : euro(fees[i] * 100))),
      ),
      { class: 'fee-table' },
    ),
  );
}

function easterSunday(y) {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const hh = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - hh - k) % 7;
  const m = Math.floor((a + 11 * hh + 22 * l) / 451);
  const month = Math.floor((hh + l - 7 * m + 114) / 31);
  const day = ((hh + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(y, month - 1, day));
}

/** A month of the Torino working-day calendar, from the holiday parameter in force on its first day. */
async function calendarView(box, month) {
  const params = await allParameters();
  const calendar = params.find((p) => p.name === 'calendar.torino.holidays');
  if (!calendar || !/^\d{4}-\d{2}$/.test(month)) {
    put(box, h('p', {}, t('charts.noCalendar')));
    return;
  }
  const [y, m] = month.split('-').map(Number);
  const entry = inForce(calendar.history, `${month}-01`);
  const easterMonday = new Date(easterSunday(y).getTime() + 86_400_000).toISOString().slice(5, 10);
  const holidays = new Map();
  for (const x of entry?.value ?? []) {
    // "MM-DD" every year, "YYYY-MM-DD" one year only, or Easter Monday.
    if (/^\d{4}-/.test(x.date) && !x.date.startsWith(`${y}-`)) continue;
    holidays.set(x.date === 'easter-monday' ? easterMonday : x.date.slice(-5), x.name);
  }
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const first = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const names =
    lang === 'it'
      ? ['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom']
      : ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const cells = Array.from({ length: first }, () => h('td'));
  let working = 0;
  for (let d = 1; d <= days; d++) {
    const mmdd = `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const weekday = (first + d - 1) % 7;
    const holiday = holidays.get(mmdd);
    const kind = holiday ? 'holiday' : weekday >= 5 ? 'weekend' : 'working';
    if (kind === 'working') working++;
    cells.push(
      h(
        'td',
        { class: kind, title: holiday ?? null },
        h('span', { class: 'day' }, d),
        holiday ? h('small', {}, holiday) : null,
      ),
    );
  }
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(h('tr', {}, cells.slice(i, i + 7)));
  put(
    box,
    table(t('charts.calendarCaption', { month, working }), names, rows, { class: 'month' }),
    h(
      'p',
      { class: 'help' },
      t('charts.calendarHelp', { from: entry?.from ?? '—', source: entry?.source ?? '—' }),
    ),
  );
}

// ---------------------------------------------------------------- shell: language, login, tabs

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-aria]'))
    el.setAttribute('aria-label', t(el.dataset.i18nAria));
  for (const b of document.querySelectorAll('[data-lang]'))
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

function showLoggedOut(message) {
  sessionStorage.removeItem(KEY_STORE);
  document.getElementById('login').hidden = false;
  document.getElementById('session').hidden = true;
  for (const tab of TABS) document.getElementById(`tab-${tab}`).hidden = true;
  document.querySelector('nav.tabs').hidden = true;
  notice(message ?? t('login.prompt'), message ? 'error' : 'info');
}

async function logIn(key) {
  sessionStorage.setItem(KEY_STORE, key);
  try {
    await api('/v1/policies');
  } catch (e) {
    showLoggedOut(e instanceof ApiError && e.status === 401 ? t('login.unknown') : String(e.message));
    return false;
  }
  document.getElementById('login').hidden = true;
  document.getElementById('session').hidden = false;
  document.querySelector('nav.tabs').hidden = false;
  document.getElementById('session-text').textContent = t('login.in', { key: `${key.slice(0, 4)}…` });
  notice('');
  return true;
}

async function route() {
  if (!sessionStorage.getItem(KEY_STORE)) return;
  const [tab, ...rest] = (location.hash.slice(1) || 'policies').split('/');
  const name = TABS.includes(tab) ? tab : 'policies';
  const arg = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  for (const x of TABS) document.getElementById(`tab-${x}`).hidden = x !== name;
  for (const a of document.querySelectorAll('[data-tab]'))
    a.setAttribute('aria-current', a.dataset.tab === name ? 'page' : 'false');
  const target = body(name);
  const focused = document.activeElement?.id;
  put(target, h('p', {}, t('common.loading')));
  try {
    await renderers[name](target, arg);
    // A control that re-renders its tab (the parameter picker) keeps the keyboard focus.
    if (focused && target.querySelector(`#${CSS.escape(focused)}`)) document.getElementById(focused).focus();
  } catch (e) {
    put(target, problemView(e));
  }
  document.body.dataset.ready = `${name}${arg ? `/${arg}` : ''}`;
}

document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('api-key');
  if (await logIn(input.value.trim())) {
    input.value = '';
    await route();
    document.getElementById('main').focus();
  }
});
document.getElementById('logout').addEventListener('click', () => {
  cache.policies = null;
  cache.details.clear();
  showLoggedOut();
});
for (const b of document.querySelectorAll('[data-lang]'))
  b.addEventListener('click', () => {
    lang = b.dataset.lang;
    localStorage.setItem(LANG_STORE, lang);
    applyLanguage();
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) {
      document.getElementById('session-text').textContent = t('login.in', { key: `${key.slice(0, 4)}…` });
      route();
    } else notice(t('login.prompt'));
  });
window.addEventListener('hashchange', route);

applyLanguage();
const stored = sessionStorage.getItem(KEY_STORE);
if (stored) logIn(stored).then((ok) => ok && route());
else showLoggedOut();
