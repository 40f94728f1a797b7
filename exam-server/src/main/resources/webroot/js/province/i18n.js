// Strings of the provincial connector page (province.html).
// The texts are in i18n/province/zh.json and en.json (the same keys in both, checked by I18nParityTest).

import zh from '../../i18n/province/zh.json' with { type: 'json' };
import en from '../../i18n/province/en.json' with { type: 'json' };

export const PROVINCE_DICT = { zh, en };
