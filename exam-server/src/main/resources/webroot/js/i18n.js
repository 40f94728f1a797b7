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
    'home.bankLink': '题库与组卷规则',
    'home.bankLinkText': '导入和审核试题、维护组卷规则、预览样卷、查看题库统计。',
    'home.provinceLink': '省级平台对接',
    'home.provinceLinkText': '发布成绩、查看成绩包上报队列与失败原因、拉取省平台报名数据。',
    'home.sessionsLink': '考场与考试场次',
    'home.sessionsLinkText': '管理考点、考场和考试终端，安排考试场次、监考员和考生，查看和导出成绩。',
    'home.consoleLink': '考场监控台',
    'home.consoleLinkText': '入场检录与人脸比对、实时座位状态、警告和异常事件记录、签署考场记录。',
    'home.consoleWatchText': '实时查看各考场的座位状态和异常提醒。',
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

    // Training institutions (institution.html, institutions.html)
    'home.institutionLink': '学员、培训班与考试申请',
    'home.institutionLinkText': '登记学员、记录培训学时与考勤、提交考试申请和社保证明、查看已公布的成绩。',
    'home.auditLink': '审计日志',
    'home.auditLinkText': '按时间、操作人、操作类型和对象筛选审计记录，分页浏览，并核验审计链。',
    'home.institutionsLink': '培训机构与考试申请',
    'home.institutionsLinkText': '登记培训机构、审核考试申请、暂停违规机构、导出一期一档、年度考核评估。',
    'inst.title': 'examhall 考试系统 · 培训机构',
    'inst.heading': '培训机构',
    'inst.back': '返回工作台',
    'inst.scope': '培训范围：{scope}',
    'inst.suspended': '已暂停考试申请',
    'inst.trainees': '学员',
    'inst.fullName': '姓名',
    'inst.idNumber': '身份证号',
    'inst.employer': '工作单位',
    'inst.photo': '照片（JPEG/PNG）',
    'inst.addTrainee': '登记学员',
    'inst.classes': '培训班（一期）',
    'inst.className': '班级名称',
    'inst.item': '操作项目',
    'inst.startsOn': '开始日期',
    'inst.endsOn': '结束日期',
    'inst.requiredHours': '规定学时',
    'inst.addClass': '开班',
    'inst.class': '培训班',
    'inst.trainee': '学员',
    'inst.day': '日期',
    'inst.hours': '学时',
    'inst.recordAttendance': '记录考勤',
    'inst.dates': '日期',
    'inst.members': '学员及学时',
    'inst.applications': '考试申请',
    'inst.createApplication': '生成申请（全部学员）',
    'inst.proofHint': '须上传专职管理人员近 3 个月社保证明（PDF、JPEG 或 PNG，每个不超过 5 MB）。',
    'inst.status': '状态',
    'inst.roster': '名单',
    'inst.proofs': '证明材料',
    'inst.actions': '操作',
    'inst.uploadProof': '上传证明',
    'inst.chooseFile': '请先选择证明材料文件',
    'inst.submit': '提交申请',
    'inst.retake': '申请补考',
    'inst.retakeOf': '补考，原申请 {id}',
    'inst.results': '本机构学员成绩（已公布）',
    'inst.examDate': '考试日期',
    'inst.score': '成绩',
    'inst.result': '结果',
    'inst.notPublished': '待公布',
    'inst.passed': '合格',
    'inst.failed': '不合格',
    'inst.corrected': '（已更正）',
    'inst.status.DRAFT': '草稿',
    'inst.status.SUBMITTED': '已提交',
    'inst.status.APPROVED': '已批准',
    'inst.status.REJECTED': '已退回',
    'inst.status.ASSIGNED': '已安排考试',
    'inst.status.EXAMINED': '已考试',
    'inst.status.PUBLISHED': '已公布',
    'inst.exam': '考试安排',
    'inst.arrangements': '学员考试安排',
    'inst.arrangementsHint': '请将考试时间、考点考场和准考证号告知学员。座位在开始检录时随机抽取，抽取后在此显示。',
    'inst.examTime': '考试时间',
    'inst.place': '考点和考场',
    'inst.ticket': '准考证号',
    'inst.seat': '座位号',
    'inst.seatNotDrawn': '检录时抽取',
    'inst.minutes': '{n} 分钟',
    'inst.retakeMark': '（补考）',
    'inst.noArrangements': '暂无已安排考试的学员。',
    'insts.title': 'examhall 考试系统 · 培训机构管理',
    'insts.heading': '培训机构与考试申请',
    'insts.institutions': '培训机构',
    'insts.institution': '机构',
    'insts.name': '机构名称',
    'insts.creditCode': '统一社会信用代码',
    'insts.scope': '培训范围（操作项目，逗号分隔）',
    'insts.register': '登记机构',
    'insts.staffId': '账号编号（机构联系人或监考员）',
    'insts.link': '关联账号',
    'insts.staff': '关联账号',
    'insts.reason': '理由',
    'insts.suspend': '暂停考试申请',
    'insts.active': '正常',
    'insts.sanctions': '处罚记录',
    'insts.review': '考试申请审核',
    'insts.approve': '批准',
    'insts.reject': '退回',
    'insts.assign': '安排考试',
    'insts.archives': '一期一档',
    'insts.retainUntil': '保存至 {date}',
    'insts.assessment': '年度考核评估',
    'insts.year': '年度',
    'insts.show': '查看',
    'insts.passRate': '合格率（%）',
    'insts.retakeRate': '补考率（%）',
    'insts.incidentsAndSanctions': '违纪事件与处罚',
    'insts.noData': '该年度暂无数据',
    'insts.pickSession': '考试场次',
    'insts.noSession': '没有可安排的 {item} 场次（须为待检录状态）',
    'insts.hoursOf': '{hours} / {required}',
    'insts.attendance': '考勤（日期 学时）',
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
    'home.bankLink': 'Question bank and blueprints',
    'home.bankLinkText': 'Import and review questions, maintain blueprints, preview sample papers, see bank statistics.',
    'home.provinceLink': 'Provincial platform',
    'home.provinceLinkText': 'Publish results, follow the delivery queue of result packages and its errors, pull registrations from the province.',
    'home.sessionsLink': 'Rooms and exam sessions',
    'home.sessionsLinkText': 'Manage sites, rooms and terminals; schedule sessions with proctors and candidates; see and export results.',
    'home.consoleLink': 'Proctor console',
    'home.consoleLinkText': 'Check-in with face comparison, the live room grid, warnings and incidents, signing the room record.',
    'home.consoleWatchText': 'Watch the rooms’ seats and alerts live.',
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

    // Training institutions (institution.html, institutions.html)
    'home.institutionLink': 'Trainees, classes and exam applications',
    'home.institutionLinkText': 'Register trainees, record training hours and attendance, apply for exams with social-insurance proof, see published results.',
    'home.auditLink': 'Audit log',
    'home.auditLinkText': 'Filter audit entries by time, actor, action and target, page through them, and verify the audit chain.',
    'home.institutionsLink': 'Training institutions and applications',
    'home.institutionsLinkText': 'Register institutions, review exam applications, suspend offenders, export class archives, yearly assessment.',
    'inst.title': 'examhall · Training institution',
    'inst.heading': 'Training institution',
    'inst.back': 'Back to home',
    'inst.scope': 'Training scope: {scope}',
    'inst.suspended': 'Suspended from applying',
    'inst.trainees': 'Trainees',
    'inst.fullName': 'Name',
    'inst.idNumber': 'ID number',
    'inst.employer': 'Employer',
    'inst.photo': 'Photo (JPEG/PNG)',
    'inst.addTrainee': 'Register trainee',
    'inst.classes': 'Training classes',
    'inst.className': 'Class',
    'inst.item': 'Operation item',
    'inst.startsOn': 'From',
    'inst.endsOn': 'To',
    'inst.requiredHours': 'Required hours',
    'inst.addClass': 'Open class',
    'inst.class': 'Class',
    'inst.trainee': 'Trainee',
    'inst.day': 'Day',
    'inst.hours': 'Hours',
    'inst.recordAttendance': 'Record attendance',
    'inst.dates': 'Dates',
    'inst.members': 'Trainees and hours',
    'inst.applications': 'Exam applications',
    'inst.createApplication': 'Create application (all trainees)',
    'inst.proofHint': "Upload proof of the managers' last 3 months of social insurance (PDF, JPEG or PNG, at most 5 MB each).",
    'inst.status': 'Status',
    'inst.roster': 'Roster',
    'inst.proofs': 'Proofs',
    'inst.actions': 'Actions',
    'inst.uploadProof': 'Upload proof',
    'inst.chooseFile': 'Choose a proof file first',
    'inst.submit': 'Submit',
    'inst.retake': 'Apply for retake',
    'inst.retakeOf': 'retake of {id}',
    'inst.results': "Our trainees' results (published)",
    'inst.examDate': 'Exam date',
    'inst.score': 'Score',
    'inst.result': 'Result',
    'inst.notPublished': 'Not yet published',
    'inst.passed': 'Passed',
    'inst.failed': 'Failed',
    'inst.corrected': '(corrected)',
    'inst.status.DRAFT': 'Draft',
    'inst.status.SUBMITTED': 'Submitted',
    'inst.status.APPROVED': 'Approved',
    'inst.status.REJECTED': 'Rejected',
    'inst.status.ASSIGNED': 'Exam scheduled',
    'inst.status.EXAMINED': 'Examined',
    'inst.status.PUBLISHED': 'Results published',
    'inst.exam': 'Exam',
    'inst.arrangements': "Trainees' exam arrangements",
    'inst.arrangementsHint': 'Tell trainees the exam time, site and room, and their admission ticket number. Seats are drawn at random when check-in opens and appear here then.',
    'inst.examTime': 'Exam time',
    'inst.place': 'Site and room',
    'inst.ticket': 'Admission ticket',
    'inst.seat': 'Seat',
    'inst.seatNotDrawn': 'drawn at check-in',
    'inst.minutes': '{n} min',
    'inst.retakeMark': '(retake)',
    'inst.noArrangements': 'No trainee has an exam scheduled yet.',
    'insts.title': 'examhall · Training institutions',
    'insts.heading': 'Training institutions and exam applications',
    'insts.institutions': 'Training institutions',
    'insts.institution': 'Institution',
    'insts.name': 'Name',
    'insts.creditCode': 'Unified social credit code',
    'insts.scope': 'Training scope (operation items, comma-separated)',
    'insts.register': 'Register institution',
    'insts.staffId': 'Account id (institution contact or proctor)',
    'insts.link': 'Link account',
    'insts.staff': 'Linked accounts',
    'insts.reason': 'Reason',
    'insts.suspend': 'Suspend from applying',
    'insts.active': 'Active',
    'insts.sanctions': 'Sanctions',
    'insts.review': 'Application review',
    'insts.approve': 'Approve',
    'insts.reject': 'Reject',
    'insts.assign': 'Assign to session',
    'insts.archives': 'Class archives',
    'insts.retainUntil': 'kept until {date}',
    'insts.assessment': 'Yearly assessment',
    'insts.year': 'Year',
    'insts.show': 'Show',
    'insts.passRate': 'Pass rate (%)',
    'insts.retakeRate': 'Retake rate (%)',
    'insts.incidentsAndSanctions': 'Incidents and sanctions',
    'insts.noData': 'No data for this year',
    'insts.pickSession': 'Exam session',
    'insts.noSession': 'No scheduled {item} session to assign to',
    'insts.hoursOf': '{hours} / {required}',
    'insts.attendance': 'Attendance (day hours)',
  },
};

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
