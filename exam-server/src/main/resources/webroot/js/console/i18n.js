// Strings of the proctor console (console.html); the session, seat and result words
// here are shared with the bureau's sessions page.
// The texts are in i18n/console/zh.json and en.json (the same keys in both, checked by I18nParityTest).

import zh from '../../i18n/console/zh.json' with { type: 'json' };
import en from '../../i18n/console/en.json' with { type: 'json' };

export const CONSOLE_DICT = { zh, en };
