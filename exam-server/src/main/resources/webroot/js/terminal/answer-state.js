// The candidate's answers as the terminal shows them. Every change gets the next per-candidate
// sequence number; an answer is replaced only by a step of higher seq. The server's answers count
// as of its lastSeq, and a local step (unacknowledged, or made after that lastSeq) beats them only
// with a higher seq.

export class AnswerState {
  constructor() {
    this.reset();
  }

  /** Forgets everything: another sitting. */
  reset() {
    /** item number → {labels, seq} */
    this.answers = new Map();
    /** the highest seq the server has acknowledged or reported */
    this.serverLastSeq = 0;
    /** the lastSeq of the last paper response merged */
    this.paperLastSeq = 0;
  }

  labelsOf(number) {
    return this.answers.get(number)?.labels || '';
  }

  answered(number) {
    return this.labelsOf(number) !== '';
  }

  /** A change made here, with the seq the outbox allocated for it. */
  set(number, labels, seq) {
    this.answers.set(number, { labels, seq });
  }

  /** A step the server will never take: its answer goes, unless a later change replaced it. */
  dropStep(step) {
    if (this.answers.get(step.item)?.seq === step.seq) {
      this.answers.delete(step.item);
    }
  }

  /** The server acknowledged this seq (STORED or DUPLICATE). */
  acknowledged(seq) {
    this.serverLastSeq = Math.max(this.serverLastSeq, seq);
  }

  /**
   * Server answers as of response.lastSeq, overridden by local steps of higher seq: those made here
   * since, and `pending`, the outbox's unacknowledged steps ({item, labels, seq}).
   */
  merge(response, pending) {
    const last = Number(response.lastSeq) || 0;
    const merged = new Map();
    Object.entries(response.answers || {}).forEach(([item, labels]) => {
      merged.set(Number(item), { labels, seq: last });
    });
    const candidates = [
      ...[...this.answers.entries()].filter(([, a]) => a.seq > last).map(([item, a]) => ({ item, ...a })),
      ...pending,
    ].sort((a, b) => a.seq - b.seq);
    candidates.forEach((step) => {
      const current = merged.get(step.item);
      if (!current || step.seq > current.seq) {
        merged.set(step.item, { labels: step.labels, seq: step.seq });
      }
    });
    this.answers = merged;
    this.serverLastSeq = Math.max(this.serverLastSeq, last);
    this.paperLastSeq = last;
  }
}

/**
 * The labels after choosing an option: a multiple-choice item toggles it (labels kept sorted), any
 * other item takes it alone. Null when the item has no such option.
 */
export function chosen(item, before, label) {
  if (!item.options.some((o) => o.label === label)) {
    return null;
  }
  if (item.type !== 'MULTIPLE_CHOICE') {
    return label;
  }
  const set = new Set(before.split('').filter(Boolean));
  if (set.has(label)) {
    set.delete(label);
  } else {
    set.add(label);
  }
  return [...set].sort().join('');
}
