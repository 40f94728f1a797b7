// Strings of the auditor's page (audit.html).
// The texts are in i18n/audit/zh.json and en.json (the same keys in both, checked by I18nParityTest).

import zh from '../../i18n/audit/zh.json' with { type: 'json' };
import en from '../../i18n/audit/en.json' with { type: 'json' };

export const AUDIT_DICT = { zh, en };
