// Strings of the question-bank page (bank.html).
// The texts are in i18n/bank/zh.json and en.json (the same keys in both, checked by I18nParityTest).

import zh from '../../i18n/bank/zh.json' with { type: 'json' };
import en from '../../i18n/bank/en.json' with { type: 'json' };

export const BANK_DICT = { zh, en };
