// The console's HTML shell: the frame every tab fills in, in Italian until the script switches
// language (both languages come from messages.json, embedded so the page needs no extra request).
import { escapeHtml } from '../../html.js';

type Messages = Record<string, { it: string; en: string }>;

export const CONSOLE_TABS = [
  'policies',
  'parameters',
  'decide',
  'suites',
  'log',
  'status',
  'charts',
] as const;

export function consolePage(messages: Messages): string {
  const t = (key: string) => escapeHtml(messages[key]?.it ?? key);
  const text = (key: string) => `data-i18n="${key}">${t(key)}`;
  const tabs = CONSOLE_TABS.map(
    (tab) => `<li><a href="#${tab}" data-tab="${tab}" ${text(`tab.${tab}`)}</a></li>`,
  ).join('');
  const sections = CONSOLE_TABS.map(
    (tab) =>
      `<section id="tab-${tab}" class="tab" aria-labelledby="heading-${tab}" hidden><h2 id="heading-${tab}" tabindex="-1" ${text(`tab.${tab}`)}</h2><div class="tab-body"></div></section>`,
  ).join('\n');
  // JSON inside <script>: "<" escaped so no "</script>" can end it early.
  const embedded = JSON.stringify(messages).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${t('title')}</title>
<link rel="stylesheet" href="/console/vendor/uPlot.min.css">
<link rel="stylesheet" href="/console/console.css">
<script src="/console/vendor/uPlot.iife.min.js" defer></script>
<script type="module" src="/console/console.js"></script>
</head>
<body>
<a class="skip" href="#main" ${text('skip')}</a>
<header class="top">
  <h1 ${text('title')}</h1>
  <div class="lang" role="group" aria-label="Lingua / Language">
    <button type="button" data-lang="it" aria-pressed="true" lang="it">Italiano</button>
    <button type="button" data-lang="en" aria-pressed="false" lang="en">English</button>
  </div>
  <form id="login" class="login" autocomplete="off">
    <label for="api-key" ${text('login.key')}</label>
    <input id="api-key" name="key" type="password" autocomplete="off" required minlength="16" spellcheck="false" aria-describedby="login-help">
    <button type="submit" ${text('login.submit')}</button>
    <p id="login-help" class="help" ${text('login.help')}</p>
  </form>
  <div id="session" class="session" hidden>
    <span id="session-text"></span>
    <button type="button" id="logout" ${text('login.logout')}</button>
  </div>
</header>
<nav class="tabs" aria-label="${t('nav')}" data-i18n-aria="nav"><ul>${tabs}</ul></nav>
<main id="main" tabindex="-1">
<div id="notice" role="status" aria-live="polite"></div>
<noscript><p ${text('noscript')}</p></noscript>
${sections}
</main>
<script type="application/json" id="console-messages">${embedded}</script>
</body>
</html>
`;
}
