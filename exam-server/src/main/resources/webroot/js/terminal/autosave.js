// The autosave protocol's decisions, apart from the page: steps leave the outbox
// (queue.js) in seq order, one request at a time, at most MAX_STEPS together; a step
// leaves the outbox once the server has acknowledged it (STORED or DUPLICATE).

export const MAX_STEPS = 500;
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 5000;

/** The request body for a batch of outbox steps. */
export function requestBody(batch) {
  return { steps: batch.map((s) => ({ seq: s.seq, item: s.item, labels: s.labels })) };
}

/**
 * What an autosave reply means: the seqs acknowledged, and whether to read the answer sheet again
 * (an old step stored late, at or below the lastSeq of the paper merged, may now be the server's
 * answer for its item).
 */
export function readReply(reply, paperLastSeq) {
  const acknowledged = [];
  let resync = false;
  (reply?.results || []).forEach((r) => {
    if (r.outcome === 'STORED' || r.outcome === 'DUPLICATE') {
      acknowledged.push(r.seq);
    }
    resync ||= r.outcome === 'STORED' && r.seq <= paperLastSeq;
  });
  return { acknowledged, resync };
}

/** The pause before the next try after a failure: 1 s, then doubling, at most 5 s. */
export function nextBackoff(previousMs) {
  return Math.min(MAX_BACKOFF_MS, previousMs ? previousMs * 2 : FIRST_BACKOFF_MS);
}

/**
 * What to do after the server refused a batch for good (not an outage):
 * 'hold' — the sitting no longer takes answers (paused, handed in, time up): stop and ask what happened;
 * 'token' — the candidate token is no longer valid;
 * 'split' — a 400 on several steps: send one at a time to find the one refused;
 * 'drop' — a 400 on one step: it can never be stored, set it aside;
 * 'retry' — anything else: try again later.
 */
export function refusal(error, batchLength) {
  if (error.code === 'SITTING_NOT_ANSWERING') {
    return 'hold';
  }
  if (error.code === 'CANDIDATE_TOKEN_INVALID') {
    return 'token';
  }
  if (error.status === 400) {
    return batchLength > 1 ? 'split' : 'drop';
  }
  return 'retry';
}
