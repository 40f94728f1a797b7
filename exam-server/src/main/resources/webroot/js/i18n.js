// Tiny i18n helper: Chinese (default) and English.
// Markup: data-i18n="key" sets textContent, data-i18n-placeholder="key" sets the placeholder,
// data-i18n-aria-label="key" sets aria-label; <html data-i18n-title="key"> sets the document title.
// Buttons with data-lang="zh|en" switch the language. The choice is kept in localStorage
// ("examhall.lang"); ?lang=en (or zh) in the address overrides it and is remembered.

const STORAGE_KEY = 'examhall.lang';
const SUPPORTED = ['zh', 'en'];
const DEFAULT_LANG = 'zh';

const DICT = {
  zh: {
    'app.name': 'examhall 考试系统',
    'app.tagline': '安全生产考试',
    'lang.switch': '切换语言',
    'lang.zh': '中文',
    'lang.en': 'English',

    'login.title': 'examhall 考试系统 · 工作人员登录',
    'login.heading': '工作人员登录',
    'login.intro': '供考试机构、监考员、培训机构和审计人员使用。',
    'login.candidates': '考生请在考场终端签到，无需在此登录。',
    'login.username': '用户名',
    'login.password': '密码',
    'login.totp': '动态验证码',
    'login.optional': '（选填）',
    'login.totpHint': '管理员和监考员需要动态验证码',
    'login.totpPlaceholder': '6 位数字',
    'login.submit': '登录',
    'login.submitting': '正在登录…',
    'login.missing': '请输入用户名和密码',
    'login.totpFormat': '动态验证码应为 6 位数字',

    'home.title': 'examhall 考试系统 · 工作台',
    'home.loading': '正在加载…',
    'home.signedInAs': '当前用户',
    'home.logout': '退出登录',
    'home.later': '更多功能将在后续版本中提供。',
    'home.UNKNOWN.heading': '工作台',
    'home.UNKNOWN.text': '当前角色暂无可用功能。',
    'home.BUREAU_ADMIN.heading': '题库、考场与考试场次管理',
    'home.BUREAU_ADMIN.text': '维护统一题库和组卷规则，管理考场与考位，安排考试场次并指派监考员。',
    'home.PROCTOR.heading': '考场监控与异常处理',
    'home.PROCTOR.text': '核验考生身份并签到，查看考场座位与监控画面，记录考场异常并由第二名监考员确认。',
    'home.INSTITUTION.heading': '考试申请与培训档案',
    'home.INSTITUTION.text': '为本机构学员提交考试申请（花名册、培训学时、社保证明），查看申请进度和已公布的成绩。',
    'home.AUDITOR.heading': '审计日志核验',
    'home.AUDITOR.text': '核验审计日志的 SM3 哈希链是否完整。审计员只能查看，不能修改任何数据。',

    'role.BUREAU_ADMIN': '考试机构管理员',
    'role.PROCTOR': '监考员',
    'role.INSTITUTION': '培训机构',
    'role.AUDITOR': '审计员',

    'audit.verify': '核验审计链',
    'audit.verifying': '正在核验…',
    'audit.ok': '审计链完整：已核验 {checked} 条记录。',
    'audit.broken': '审计链已断裂：第 {seq} 条记录校验失败（已核验 {checked} 条）。原因：{reason}',
    'audit.raw': '服务器返回：',

    'error.network': '无法连接服务器，请检查网络后重试',
    'error.unexpected': '服务器返回了无法识别的响应（HTTP {status}）',
    'error.requestId': '请求编号：{requestId}',
  },
  en: {
    'app.name': 'examhall exam system',
    'app.tagline': 'Safety-production exams',
    'lang.switch': 'Language',
    'lang.zh': '中文',
    'lang.en': 'English',

    'login.title': 'examhall exam system · Staff sign-in',
    'login.heading': 'Staff sign-in',
    'login.intro': 'For bureau administrators, proctors, training institutions and auditors.',
    'login.candidates': 'Candidates sign in at the exam-room terminal, not here.',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.totp': 'One-time code',
    'login.optional': '(optional)',
    'login.totpHint': 'Administrators and proctors need a one-time code',
    'login.totpPlaceholder': '6 digits',
    'login.submit': 'Sign in',
    'login.submitting': 'Signing in…',
    'login.missing': 'Enter your username and password',
    'login.totpFormat': 'The one-time code must be 6 digits',

    'home.title': 'examhall exam system · Workspace',
    'home.loading': 'Loading…',
    'home.signedInAs': 'Signed in as',
    'home.logout': 'Sign out',
    'home.later': 'Further functions come with later releases.',
    'home.UNKNOWN.heading': 'Workspace',
    'home.UNKNOWN.text': 'No functions are available for this role yet.',
    'home.BUREAU_ADMIN.heading': 'Question bank, exam rooms and exam sessions',
    'home.BUREAU_ADMIN.text': 'Maintain the unified question bank and paper blueprints, manage exam rooms and seats, schedule exam sessions and assign proctors.',
    'home.PROCTOR.heading': 'Exam-room monitoring and incident handling',
    'home.PROCTOR.text': 'Check candidates in after identity verification, watch the room’s seats and video, record incidents and have a second proctor confirm them.',
    'home.INSTITUTION.heading': 'Exam applications and training records',
    'home.INSTITUTION.text': 'Submit exam applications for your trainees (roster, training hours, social-insurance proof), follow their progress and see published results.',
    'home.AUDITOR.heading': 'Audit log verification',
    'home.AUDITOR.text': 'Verify that the SM3 hash chain of the audit log is intact. Auditors read only and change nothing.',

    'role.BUREAU_ADMIN': 'Bureau administrator',
    'role.PROCTOR': 'Proctor',
    'role.INSTITUTION': 'Training institution',
    'role.AUDITOR': 'Auditor',

    'audit.verify': 'Verify audit chain',
    'audit.verifying': 'Verifying…',
    'audit.ok': 'Audit chain intact: {checked} entries checked.',
    'audit.broken': 'Audit chain broken: entry {seq} failed verification ({checked} checked). Reason: {reason}',
    'audit.raw': 'Server response:',

    'error.network': 'Cannot reach the server; check the network and try again',
    'error.unexpected': 'Unexpected response from the server (HTTP {status})',
    'error.requestId': 'Request ID: {requestId}',
  },
};

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
