// The terminal's durable outbox of answer steps, one per sitting.
//
// Every answer change is written here before it is sent, and removed only after the server has
// acknowledged its sequence number (STORED or DUPLICATE). It lives in IndexedDB (a transaction with
// strict durability per change); where IndexedDB cannot be opened it falls back to localStorage, and
// as a last resort to memory. The sequence counter is kept in localStorage, written synchronously at
// the moment a change is made, so a reload never reuses a number.

const DB_NAME = 'examhall-terminal';
const STORE = 'steps';
const COUNTER_PREFIX = 'examhall.terminal.seq.';
const FALLBACK_PREFIX = 'examhall.terminal.outbox.';

function openDatabase() {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('no IndexedDB'));
      return;
    }
    let request;
    try {
      request = indexedDB.open(DB_NAME, 1);
    } catch (e) {
      reject(e);
      return;
    }
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: ['sittingId', 'seq'] });
      store.createIndex('sitting', 'sittingId');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
}

function transactionDone(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('aborted'));
  });
}

class IndexedDbBackend {
  constructor(db) {
    this.db = db;
    this.kind = 'indexeddb';
  }

  transaction(mode) {
    try {
      return this.db.transaction(STORE, mode, { durability: 'strict' });
    } catch (e) {
      return this.db.transaction(STORE, mode);
    }
  }

  load(sittingId) {
    return new Promise((resolve, reject) => {
      const tx = this.db.transaction(STORE, 'readonly');
      const request = tx.objectStore(STORE).index('sitting').getAll(IDBKeyRange.only(sittingId));
      request.onsuccess = () => resolve(request.result || []);
      request.onerror = () => reject(request.error);
    });
  }

  put(step) {
    const tx = this.transaction('readwrite');
    tx.objectStore(STORE).put(step);
    return transactionDone(tx);
  }

  remove(sittingId, seqs) {
    const tx = this.transaction('readwrite');
    const store = tx.objectStore(STORE);
    seqs.forEach((seq) => store.delete([sittingId, seq]));
    return transactionDone(tx);
  }
}

class LocalStorageBackend {
  constructor() {
    this.kind = 'localstorage';
    this.cache = new Map();
  }

  key(sittingId) {
    return FALLBACK_PREFIX + sittingId;
  }

  all(sittingId) {
    if (!this.cache.has(sittingId)) {
      let steps = [];
      try {
        steps = JSON.parse(localStorage.getItem(this.key(sittingId)) || '[]');
      } catch (e) {
        steps = [];
      }
      this.cache.set(sittingId, new Map(steps.map((s) => [s.seq, s])));
    }
    return this.cache.get(sittingId);
  }

  save(sittingId) {
    localStorage.setItem(this.key(sittingId), JSON.stringify([...this.all(sittingId).values()]));
  }

  async load(sittingId) {
    return [...this.all(sittingId).values()];
  }

  async put(step) {
    this.all(step.sittingId).set(step.seq, step);
    this.save(step.sittingId);
  }

  async remove(sittingId, seqs) {
    const steps = this.all(sittingId);
    seqs.forEach((seq) => steps.delete(seq));
    this.save(sittingId);
  }
}

class MemoryBackend {
  constructor() {
    this.kind = 'memory';
  }

  async load() {
    return [];
  }

  async put() {}

  async remove() {}
}

let backendPromise = null;

function backend() {
  if (!backendPromise) {
    backendPromise = openDatabase()
      .then((db) => new IndexedDbBackend(db))
      .catch(() => {
        try {
          localStorage.setItem(FALLBACK_PREFIX + 'probe', '1');
          localStorage.removeItem(FALLBACK_PREFIX + 'probe');
          return new LocalStorageBackend();
        } catch (e) {
          return new MemoryBackend();
        }
      });
  }
  return backendPromise;
}

function readCounter(sittingId) {
  try {
    return Number.parseInt(localStorage.getItem(COUNTER_PREFIX + sittingId) || '0', 10) || 0;
  } catch (e) {
    return 0;
  }
}

function writeCounter(sittingId, value) {
  try {
    localStorage.setItem(COUNTER_PREFIX + sittingId, String(value));
  } catch (e) {
    // the counter then lives in memory; the server's lastSeq still keeps numbers rising after a reload
  }
}

/** The outbox of one sitting. Steps are {sittingId, seq, item, labels, at}. */
export class Outbox {
  constructor(sittingId, store, steps) {
    this.sittingId = sittingId;
    this.store = store;
    this.written = new Map(steps.map((s) => [s.seq, s]));
    this.writing = new Map();
    this.counter = Math.max(readCounter(sittingId), ...steps.map((s) => s.seq), 0);
    this.chain = Promise.resolve();
    this.listeners = [];
    this.failures = 0;
  }

  /** Where the steps are kept: indexeddb, localstorage or memory. */
  get kind() {
    return this.store.kind;
  }

  /** Steps not yet acknowledged, written or being written. */
  get size() {
    return this.written.size + this.writing.size;
  }

  /** All unacknowledged steps, ascending by seq (including those still being written). */
  all() {
    return [...this.written.values(), ...this.writing.values()].sort((a, b) => a.seq - b.seq);
  }

  /**
   * Steps safely written to local storage, ascending by seq, at most `limit`: the ones that may be
   * sent. Stops before the first step still being written, so steps always leave in order.
   */
  sendable(limit) {
    const firstWriting = this.writing.size ? Math.min(...this.writing.keys()) : Infinity;
    return [...this.written.values()]
      .filter((s) => s.seq < firstWriting)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
  }

  onChange(listener) {
    this.listeners.push(listener);
  }

  changed() {
    this.listeners.forEach((listener) => listener(this));
  }

  /** The next sequence number, above everything used here and everything the server has seen. */
  allocate(serverLastSeq) {
    // Re-read the stored counter: another page of this machine may have used numbers meanwhile.
    this.counter = Math.max(this.counter, readCounter(this.sittingId), serverLastSeq || 0) + 1;
    writeCounter(this.sittingId, this.counter);
    return this.counter;
  }

  /** Adds a step; resolves once it is durably written (or kept in memory when nothing else works). */
  add(item, labels, seq) {
    const step = { sittingId: this.sittingId, seq, item, labels, at: Date.now() };
    this.writing.set(seq, step);
    this.changed();
    const done = this.chain.then(() => this.store.put(step)).catch(() => {
      // The write failed (quota, private mode): keep it in memory and still send it.
      this.failures += 1;
    }).then(() => {
      this.writing.delete(seq);
      this.written.set(seq, step);
      this.changed();
    });
    this.chain = done;
    return done;
  }

  /** Removes acknowledged steps. */
  acknowledge(seqs) {
    if (!seqs.length) {
      return this.chain;
    }
    seqs.forEach((seq) => this.written.delete(seq));
    this.changed();
    this.chain = this.chain.then(() => this.store.remove(this.sittingId, seqs)).catch(() => {
      // A step that stays behind is resent after a reload and acknowledged as DUPLICATE.
    });
    return this.chain;
  }

  /** Drops every step (the sitting is handed in; nothing more can be stored). */
  discard() {
    return this.chain.then(() => this.acknowledge([...this.written.keys()]));
  }
}

/** Opens the outbox of a sitting with the steps a previous page left behind. */
export async function openOutbox(sittingId) {
  const store = await backend();
  let steps = [];
  try {
    steps = await store.load(sittingId);
  } catch (e) {
    steps = [];
  }
  return new Outbox(sittingId, store, steps);
}
