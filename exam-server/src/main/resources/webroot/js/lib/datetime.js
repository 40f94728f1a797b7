// The one way every page writes and reads times: 2026-12-05 14:30 (14:30:05 where seconds
// matter), 24 h, the same digits in Chinese and English, in the exam site's time zone
// (site.timeZone on the server, GET /api/site). A proctor's laptop set to another zone or language
// must still show the times of the exam hall, and a start typed into a form means hall time.
// The server's SiteClock writes exports the same way.

/** The site's zone, fetched once before any page module that imports this one runs. */
const siteZone = await fetch('/api/site', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
  .then((response) => (response.ok ? response.json() : {}))
  .then((site) => site.timeZone)
  // Without an answer the page cannot do its work anyway; the browser's zone keeps it readable.
  .catch(() => undefined);

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: siteZone, hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** {year, month, day, hour, minute, second} of an instant on the site's clock, as strings of digits. */
function siteFields(date) {
  const fields = {};
  for (const part of parts.formatToParts(date)) {
    fields[part.type] = part.value;
  }
  return fields;
}

function valid(iso) {
  if (iso === null || iso === undefined || iso === '') {
    return null;
  }
  const date = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The zone id the pages use, e.g. "Asia/Shanghai" (for hints next to inputs). */
export function siteTimeZone() {
  return siteZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** An ISO instant or Date as "2026-12-05 14:30", or with seconds "2026-12-05 14:30:05"; '' for none. */
export function formatDateTime(iso, { seconds = false } = {}) {
  const date = valid(iso);
  if (!date) {
    return '';
  }
  const f = siteFields(date);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}${seconds ? `:${f.second}` : ''}`;
}

/** The site's date of an instant: "2026-12-05". */
export function formatDate(iso) {
  return formatDateTime(iso).slice(0, 10);
}

/** The site's time of day of an instant: "14:30:05". */
export function formatTime(iso) {
  return formatDateTime(iso, { seconds: true }).slice(11);
}

/** An instant as the value of an <input type="datetime-local" step="1">, on the site's clock. */
export function toSiteInput(date) {
  return formatDateTime(date, { seconds: true }).replace(' ', 'T');
}

/**
 * The value of a datetime-local input, read as site time, as an ISO instant; null when empty or
 * invalid. The input itself knows no zone: the browser would read it in its own.
 */
export function fromSiteInput(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value || '');
  if (!match) {
    return null;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map((n) => Number(n || 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // The zone's offset at that moment; asked twice because the first guess can sit across a change of offset.
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** How far the site's clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant) {
  const f = siteFields(new Date(instant));
  const wall = Date.UTC(Number(f.year), Number(f.month) - 1, Number(f.day), Number(f.hour), Number(f.minute), Number(f.second));
  return wall - Math.floor(instant / 1000) * 1000;
}
