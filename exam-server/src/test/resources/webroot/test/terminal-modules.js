// Tests of the terminal's protocol modules without the exam page: answer state, the autosave outbox
// and its replies, the clock, the signal throttle. Served only to the tests
// (TerminalModulesBrowserTest reads window.__moduleTests).

import { AnswerState, chosen } from '/js/terminal/answer-state.js';
import { MAX_STEPS, nextBackoff, readReply, refusal, requestBody } from '/js/terminal/autosave.js';
import { ExamClock, announcement, formatClock, urgency } from '/js/terminal/clock.js';
import { SignalThrottle } from '/js/terminal/signals.js';
import { Outbox } from '/js/terminal/queue.js';

const cases = [];

function test(name, fn) {
  cases.push({ name, fn });
}

function eq(actual, expected, what = '') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) {
    throw new Error(`${what ? `${what}: ` : ''}expected ${e} but was ${a}`);
  }
}

/** A store that writes at once, or, when `held`, holds each write until releaseNext(). */
function store(held = false) {
  const waiting = [];
  return {
    kind: 'test',
    removed: [],
    put: () => (held ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve()),
    remove(sittingId, seqs) {
      this.removed.push(...seqs);
      return Promise.resolve();
    },
    /** Lets the next write finish, once it has started. */
    async releaseNext() {
      for (let i = 0; i < 100 && !waiting.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      waiting.shift()();
    },
  };
}

let sittings = -1_000_000 - Math.floor(Math.random() * 1_000_000);

/** An outbox of a sitting id no real page uses; its seq counter is removed afterwards. */
function outbox(backing, steps = []) {
  const sittingId = sittings--;
  try {
    localStorage.removeItem(`examhall.terminal.seq.${sittingId}`);
  } catch (e) {
    // no storage: the counter lives in memory
  }
  return new Outbox(sittingId, backing, steps);
}

const single = { type: 'SINGLE_CHOICE', options: [{ label: 'A' }, { label: 'B' }, { label: 'C' }] };
const multiple = { type: 'MULTIPLE_CHOICE', options: [{ label: 'A' }, { label: 'B' }, { label: 'C' }, { label: 'D' }] };

// ---- answer state ----

test('a single-choice item takes the option alone', () => {
  eq(chosen(single, '', 'B'), 'B');
  eq(chosen(single, 'B', 'A'), 'A');
});

test('a multiple-choice item toggles options and keeps them sorted', () => {
  eq(chosen(multiple, '', 'C'), 'C');
  eq(chosen(multiple, 'C', 'A'), 'AC');
  eq(chosen(multiple, 'AC', 'C'), 'A');
  eq(chosen(multiple, 'A', 'A'), '');
});

test('an option the item does not have changes nothing', () => {
  eq(chosen(single, 'A', 'Z'), null);
});

test('the server answers count as of lastSeq; a pending step of higher seq beats them', () => {
  const state = new AnswerState();
  state.merge({ lastSeq: 4, answers: { 1: 'A', 2: 'B' } }, [{ item: 2, labels: 'C', seq: 5 }]);
  eq(state.labelsOf(1), 'A');
  eq(state.labelsOf(2), 'C');
  eq(state.serverLastSeq, 4);
  eq(state.paperLastSeq, 4);
});

test('a local change older than the server lastSeq loses to the server answer', () => {
  const state = new AnswerState();
  state.set(3, 'A', 2);
  state.merge({ lastSeq: 6, answers: { 3: 'D' } }, []);
  eq(state.labelsOf(3), 'D');
});

test('a change made after the last merge survives a merge without it in the outbox', () => {
  const state = new AnswerState();
  state.merge({ lastSeq: 2, answers: {} }, []);
  state.set(1, 'B', 3);
  state.merge({ lastSeq: 2, answers: { 1: 'A' } }, []);
  eq(state.labelsOf(1), 'B');
  eq(state.answered(1), true);
  eq(state.answered(9), false);
});

test('of two pending steps for an item, the higher seq wins whatever their order', () => {
  const state = new AnswerState();
  state.merge({ lastSeq: 0, answers: {} }, [{ item: 1, labels: 'B', seq: 8 }, { item: 1, labels: 'A', seq: 7 }]);
  eq(state.labelsOf(1), 'B');
});

test('acknowledgements raise serverLastSeq, never lower it', () => {
  const state = new AnswerState();
  state.acknowledged(5);
  state.acknowledged(3);
  eq(state.serverLastSeq, 5);
  state.merge({ lastSeq: 2, answers: {} }, []);
  eq(state.serverLastSeq, 5);
});

test('a dropped step takes its answer away only if no later change replaced it', () => {
  const state = new AnswerState();
  state.set(1, 'A', 4);
  state.dropStep({ item: 1, seq: 3 });
  eq(state.labelsOf(1), 'A');
  state.dropStep({ item: 1, seq: 4 });
  eq(state.labelsOf(1), '');
});

test('reset forgets answers and seqs (another sitting)', () => {
  const state = new AnswerState();
  state.merge({ lastSeq: 9, answers: { 1: 'A' } }, []);
  state.reset();
  eq([state.labelsOf(1), state.serverLastSeq, state.paperLastSeq], ['', 0, 0]);
});

// ---- autosave ----

test('seqs rise above what the outbox and the server have seen', () => {
  const box = outbox(store(), [{ sittingId: 0, seq: 7, item: 1, labels: 'A' }]);
  eq(box.allocate(0), 8);
  eq(box.allocate(20), 21);
  eq(box.allocate(3), 22);
});

test('steps are sendable once written, in seq order, at most the limit', async () => {
  const box = outbox(store());
  await box.add(2, 'B', box.allocate(0));
  await box.add(1, 'A', box.allocate(0));
  await box.add(3, 'C', box.allocate(0));
  eq(box.sendable(MAX_STEPS).map((s) => s.seq), [1, 2, 3]);
  eq(box.sendable(2).map((s) => [s.item, s.labels]), [[2, 'B'], [1, 'A']]);
  eq(box.size, 3);
});

test('nothing at or after a step still being written is sent: steps leave in order', async () => {
  const backing = store(true);
  const box = outbox(backing);
  const first = box.add(1, 'A', box.allocate(0));
  const second = box.add(2, 'B', box.allocate(0));
  box.add(3, 'C', box.allocate(0));
  eq(box.sendable(MAX_STEPS), [], 'nothing written yet');
  eq(box.all().map((s) => s.seq), [1, 2, 3], 'all unacknowledged steps');
  await backing.releaseNext();
  await first;
  eq(box.sendable(MAX_STEPS).map((s) => s.seq), [1], 'while seq 2 is being written');
  await backing.releaseNext();
  await second;
  await backing.releaseNext();
  await box.chain;
  eq(box.sendable(MAX_STEPS).map((s) => s.seq), [1, 2, 3]);
});

test('a step leaves the outbox only when acknowledged (STORED or DUPLICATE)', async () => {
  const backing = store();
  const box = outbox(backing);
  for (const labels of ['A', 'B', 'C']) {
    await box.add(1, labels, box.allocate(0));
  }
  const reply = { results: [{ seq: 1, outcome: 'STORED' }, { seq: 2, outcome: 'DUPLICATE' }, { seq: 3, outcome: 'REFUSED' }] };
  const { acknowledged } = readReply(reply, 0);
  eq(acknowledged, [1, 2]);
  await box.acknowledge(acknowledged);
  eq(box.all().map((s) => s.seq), [3]);
  eq(backing.removed, [1, 2]);
});

test('a step stored at or below the merged paper lastSeq asks for the sheet again', () => {
  eq(readReply({ results: [{ seq: 5, outcome: 'STORED' }] }, 5).resync, true);
  eq(readReply({ results: [{ seq: 6, outcome: 'STORED' }] }, 5).resync, false);
  eq(readReply({ results: [{ seq: 4, outcome: 'DUPLICATE' }] }, 5).resync, false);
  eq(readReply(null, 5), { acknowledged: [], resync: false });
});

test('the request carries seq, item and labels only', () => {
  eq(requestBody([{ sittingId: 3, seq: 1, item: 2, labels: 'AB', at: 99 }]), { steps: [{ seq: 1, item: 2, labels: 'AB' }] });
});

test('retries back off 1 s, 2 s, 4 s, then every 5 s', () => {
  const pauses = [];
  let ms = 0;
  for (let i = 0; i < 5; i++) {
    ms = nextBackoff(ms);
    pauses.push(ms);
  }
  eq(pauses, [1000, 2000, 4000, 5000, 5000]);
});

test('refusals: hold when not answering, token, split a bad batch, drop a bad step, retry otherwise', () => {
  eq(refusal({ status: 409, code: 'SITTING_NOT_ANSWERING' }, 3), 'hold');
  eq(refusal({ status: 401, code: 'CANDIDATE_TOKEN_INVALID' }, 3), 'token');
  eq(refusal({ status: 400, code: 'ITEM_OUT_OF_RANGE' }, 3), 'split');
  eq(refusal({ status: 400, code: 'ITEM_OUT_OF_RANGE' }, 1), 'drop');
  eq(refusal({ status: 409, code: 'SOMETHING_ELSE' }, 1), 'retry');
});

// ---- clock ----

test('the clock counts down from the server time while answering', () => {
  let now = 1000;
  const clock = new ExamClock(() => now);
  clock.sync({ remainingMs: 60_000, status: 'ANSWERING' });
  now += 15_000;
  eq(clock.remaining('ANSWERING'), 45_000);
  now += 90_000;
  eq(clock.remaining('ANSWERING'), 0, 'never below zero');
});

test('the clock stands still while paused and takes each new server reading', () => {
  let now = 0;
  const clock = new ExamClock(() => now);
  clock.sync({ remainingMs: 30_000, status: 'PAUSED' });
  now += 10_000;
  eq(clock.remaining('ANSWERING'), 30_000, 'the response status wins over the page');
  clock.sync({ remainingMs: 29_000, status: 'ANSWERING' });
  now += 4_000;
  eq(clock.remaining('PAUSED'), 25_000);
  clock.sync({ status: 'ANSWERING' });
  eq(clock.remaining('ANSWERING'), 25_000, 'a reading without remainingMs keeps the last one');
});

test('until a response names a status, the page status decides whether the clock runs', () => {
  let now = 0;
  const clock = new ExamClock(() => now);
  clock.sync({ remainingMs: 10_000 });
  now += 1_000;
  eq([clock.remaining('ANSWERING'), clock.remaining('PAUSED')], [9_000, 10_000]);
});

test('the clock shows whole seconds rounded up, with hours when there are any', () => {
  eq([formatClock(3_725_000), formatClock(59_001), formatClock(60_000), formatClock(0), formatClock(-5)],
    ['1:02:05', '01:00', '01:00', '00:00', '00:00']);
});

test('the last five minutes are low, the last minute critical', () => {
  eq([urgency(300_001), urgency(300_000), urgency(60_001), urgency(60_000), urgency(0)], ['', 'low', 'low', 'critical', 'critical']);
});

test('15, 5 and 1 minutes are each announced once, within 10 s after they are reached', () => {
  const announced = new Set();
  eq(announcement(15 * 60_000 + 1, announced), null);
  eq(announcement(15 * 60_000, announced), 15);
  eq(announcement(15 * 60_000 - 1_000, announced), null, 'once');
  eq(announcement(5 * 60_000 - 10_000, announced), null, 'too late');
  eq(announcement(60_000 - 9_000, announced), 1);
});

// ---- signals ----

test('a signal kind goes at most every 3 s, OFFLINE every 30 s, each kind on its own', () => {
  let now = 100_000;
  const throttle = new SignalThrottle(() => now);
  eq([throttle.admit('FOCUS_LOST'), throttle.admit('FOCUS_LOST'), throttle.admit('PASTE_ATTEMPT')], [true, false, true]);
  now += 3_000;
  eq(throttle.admit('FOCUS_LOST'), true);
  eq(throttle.admit('OFFLINE'), true);
  now += 29_999;
  eq(throttle.admit('OFFLINE'), false);
  now += 1;
  eq(throttle.admit('OFFLINE'), true);
});

async function run() {
  const list = document.getElementById('results');
  const failures = [];
  for (const { name, fn } of cases) {
    let error = null;
    try {
      await fn();
    } catch (e) {
      error = e;
      failures.push(`${name}: ${e && e.message ? e.message : e}`);
    }
    const line = document.createElement('li');
    line.dataset.outcome = error ? 'failed' : 'passed';
    line.textContent = error ? `FAIL ${name}: ${error.message}` : `ok ${name}`;
    list.append(line);
  }
  const passed = cases.length - failures.length;
  document.getElementById('summary').textContent = `${passed} passed, ${failures.length} failed`;
  window.__moduleTests = { done: true, passed, failed: failures.length, failures };
}

run();
