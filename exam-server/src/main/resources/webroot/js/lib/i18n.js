// Tiny i18n helper: Chinese (default) and English.
// Markup: data-i18n="key" sets textContent, data-i18n-placeholder="key" sets the placeholder,
// data-i18n-aria-label="key" sets aria-label; <html data-i18n-title="key"> sets the document title.
// Buttons with data-lang="zh|en" switch the language. The choice is kept in localStorage
// ("examhall.lang"); ?lang=en (or zh) in the address overrides it and is remembered.

import zh from '../../i18n/zh.json' with { type: 'json' };
import en from '../../i18n/en.json' with { type: 'json' };

const STORAGE_KEY = 'examhall.lang';
const SUPPORTED = ['zh', 'en'];
const DEFAULT_LANG = 'zh';

// The common texts are in i18n/zh.json and en.json (the same keys in both, checked by
// I18nParityTest); a page adds its own with extend().
const DICT = { zh, en };

/**
 * Adds a page's own keys ({zh: {...}, en: {...}}) to the dictionary, so that pages with many
 * strings keep them in a file of their own. Call before init().
 */
export function extend(dictionaries) {
  Object.entries(dictionaries).forEach(([language, entries]) => {
    DICT[language] = { ...(DICT[language] || {}), ...entries };
  });
}

function readStored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch (e) {
    return null;
  }
}

function store(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch (e) {
    // storage may be disabled; the choice then lasts for this page only
  }
}

function initialLang() {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (SUPPORTED.includes(fromUrl)) {
    store(fromUrl);
    return fromUrl;
  }
  const stored = readStored();
  return SUPPORTED.includes(stored) ? stored : DEFAULT_LANG;
}

let current = initialLang();

/** The current language: "zh" or "en". */
export function lang() {
  return current;
}

/** Translates a key, filling {name} placeholders from params; an unknown key is returned as is. */
export function t(key, params = {}) {
  return tIn(current, key, params);
}

/** Translates a key into the given language. */
export function tIn(language, key, params = {}) {
  const text = DICT[language]?.[key] ?? DICT[DEFAULT_LANG][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

// Text put together in code follows the language's punctuation too: an English page shows no
// full-width marks.
const ENGLISH_MARKS = { '、': ', ', '，': ', ', '；': '; ', '：': ': ' };

/** A Chinese punctuation mark (、，；：), or its English counterpart on an English page. */
export function mark(chinese) {
  return current === 'zh' ? chinese : ENGLISH_MARKS[chinese];
}

/** A note in brackets after a text: "甲（乙）" in Chinese, "a (b)" in English. */
export function paren(text, note) {
  return current === 'zh' ? `${text}（${note}）` : `${text} (${note})`;
}

/** Picks the current language's text from a {zh, en} object (the server's message format). */
export function pick(messages) {
  if (!messages || typeof messages !== 'object') {
    return '';
  }
  return messages[current] || messages[DEFAULT_LANG] || messages.en || '';
}

/** Applies translations to everything under root that carries data-i18n attributes. */
export function apply(root = document) {
  const html = document.documentElement;
  html.lang = current === 'zh' ? 'zh-CN' : 'en';
  if (html.dataset.i18nTitle) {
    document.title = t(html.dataset.i18nTitle);
  }
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  });
  root.querySelectorAll('button[data-lang]').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.lang === current));
  });
}

/** Switches the language, remembers it, re-translates the page and tells listeners. */
export function setLang(next) {
  if (!SUPPORTED.includes(next)) {
    return;
  }
  current = next;
  store(next);
  apply();
  document.dispatchEvent(new CustomEvent('examhall:langchange', { detail: { lang: next } }));
}

/** Calls listener(lang) whenever the language changes (for text the page renders itself). */
export function onChange(listener) {
  document.addEventListener('examhall:langchange', (event) => listener(event.detail.lang));
}

/** Translates the page and wires the language buttons. Call once per page. */
export function init() {
  document.querySelectorAll('button[data-lang]').forEach((button) => {
    button.addEventListener('click', () => setLang(button.dataset.lang));
  });
  apply();
}
