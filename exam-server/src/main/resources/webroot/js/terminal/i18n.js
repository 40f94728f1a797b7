// Strings of the candidate's exam-room terminal (terminal.html).
// The texts are in i18n/terminal/zh.json and en.json (the same keys in both, checked by I18nParityTest).

import zh from '../../i18n/terminal/zh.json' with { type: 'json' };
import en from '../../i18n/terminal/en.json' with { type: 'json' };

export const TERMINAL_DICT = { zh, en };
