// Strings of the bureau's rooms-and-sessions page (sessions.html). Session, seat and
// result words come from console/i18n.js.
// The texts are in i18n/sessions/zh.json and en.json (the same keys in both, checked by I18nParityTest).

import zh from '../../i18n/sessions/zh.json' with { type: 'json' };
import en from '../../i18n/sessions/en.json' with { type: 'json' };

export const SESSIONS_DICT = { zh, en };
