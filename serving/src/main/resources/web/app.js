// The tierfeed web page: plain JavaScript on the HTTP API (/v1), served by the service at /app/.
// The session token stays in this tab (sessionStorage). The feed is read once, then kept current by
// the live stream; an item is acknowledged as seen once it has been on screen for a second.

const API = '/v1';
const TIER_RANK = { PREMIUM: 0, STANDARD: 1, FREE: 2 };
const SEEN_AFTER_MS = 1000;
const MAX_TEXT = 280;

const $ = (selector) => document.querySelector(selector);
const session = {
  token: sessionStorage.getItem('tierfeed.token'),
  userId: sessionStorage.getItem('tierfeed.userId'),
  handle: sessionStorage.getItem('tierfeed.handle'),
};
let stream = null; // the AbortController of the open live stream
let lastEventId = null;

class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
    this.retryAfter = retryAfter;
  }
}

async function call(method, path, { json, bytes, type } = {}) {
  const headers = {};
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  let body;
  if (bytes) {
    headers['Content-Type'] = type;
    body = bytes;
  } else if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const response = await fetch(API + path, { method, headers, body });
  const answer = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, answer, response.headers.get('Retry-After'));
  return answer;
}

function describe(error) {
  if (!(error instanceof ApiError)) return `Something went wrong: ${error.message}`;
  const wait = error.retryAfter ? ` Try again in ${error.retryAfter} s.` : '';
  if (error.code === 'rate_limited') return `Slow down: too many requests.${wait}`;
  if (error.code === 'account_locked') return `Log-in is locked after too many failed attempts.${wait}`;
  if (error.code === 'invalid_credentials') return 'No account has this handle and password.';
  if (error.status === 401) return 'Your session has ended: log in again.';
  return error.message + wait;
}

function showError(error) {
  const box = $('#error');
  box.textContent = describe(error);
  box.hidden = false;
}

function clearError() {
  $('#error').hidden = true;
}

function remember(token, userId, handle) {
  Object.assign(session, { token, userId, handle });
  sessionStorage.setItem('tierfeed.token', token);
  sessionStorage.setItem('tierfeed.userId', userId);
  sessionStorage.setItem('tierfeed.handle', handle);
}

function forget() {
  Object.assign(session, { token: null, userId: null, handle: null });
  sessionStorage.clear();
}

// --- account ---------------------------------------------------------------------------------

$('#account-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const handle = $('#handle').value.trim();
  const password = $('#password').value;
  try {
    if (event.submitter && event.submitter.value === 'signup') {
      await call('POST', '/users', { json: { handle, password } });
    }
    const opened = await call('POST', '/sessions', { json: { handle, password } });
    remember(opened.token, opened.userId, handle);
    $('#password').value = '';
    await enter();
  } catch (error) {
    showError(error);
  }
});

$('#logout').addEventListener('click', async () => {
  try {
    await call('DELETE', '/sessions/current');
  } catch (error) {
    // the session may have ended already: leaving is what was asked
  }
  leave();
});

async function enter() {
  $('#account').hidden = true;
  $('#home').hidden = false;
  $('#who').hidden = false;
  $('#who-name').textContent = `@${session.handle}`;
  await loadFeed();
  openStream();
}

function leave() {
  if (stream) stream.abort();
  stream = null;
  forget();
  $('#feed').replaceChildren();
  $('#home').hidden = true;
  $('#who').hidden = true;
  $('#account').hidden = false;
}

// --- posting and following ---------------------------------------------------------------------

$('#text').addEventListener('input', () => {
  const length = [...$('#text').value].length; // code points, as the service counts them
  $('#count').textContent = `${length} / ${MAX_TEXT}`;
  $('#count').classList.toggle('over', length > MAX_TEXT);
});

$('#post-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const file = $('#photo').files[0];
  try {
    const mediaIds = [];
    if (file) {
      const uploaded = await call('POST', '/media', { bytes: file, type: file.type });
      mediaIds.push(uploaded.id);
    }
    await call('POST', '/posts', { json: { text: $('#text').value, mediaIds } });
    $('#post-form').reset();
    $('#count').textContent = `0 / ${MAX_TEXT}`;
    $('#count').classList.remove('over');
  } catch (error) {
    showError(error);
  }
});

$('#follow-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const handle = $('#follow-handle').value.trim();
  const follow = !event.submitter || event.submitter.value === 'follow';
  try {
    const user = await call('GET', `/users?handle=${encodeURIComponent(handle)}`);
    await call(follow ? 'PUT' : 'DELETE', `/users/${session.userId}/following/${user.id}`);
    $('#follow-status').textContent = follow ? `You follow @${user.handle}.` : `You no longer follow @${user.handle}.`;
    $('#follow-form').reset();
  } catch (error) {
    showError(error);
  }
});

// --- the feed ----------------------------------------------------------------------------------

async function loadFeed() {
  try {
    const page = await call('GET', `/users/${session.userId}/feed?limit=100`);
    $('#feed').replaceChildren();
    page.items.forEach(add);
    lastEventId = page.items.map((item) => item.post.id).reduce((a, b) => (later(b, a) ? b : a), null);
  } catch (error) {
    showError(error);
  }
  $('#empty').hidden = $('#feed').children.length > 0;
}

/** Whether post id a is later than b (ids are time-ordered decimal strings beyond 2^53). */
function later(a, b) {
  if (b === null) return true;
  return a.length !== b.length ? a.length > b.length : a > b;
}

/** Puts an item in feed order: its tier first (PREMIUM, STANDARD, FREE), then newest first. */
function add(item) {
  const feed = $('#feed');
  if (feed.querySelector(`[data-post-id="${item.post.id}"]`)) return;
  const element = render(item);
  const rank = TIER_RANK[item.tier];
  const before = [...feed.children].find((other) => {
    const otherRank = TIER_RANK[other.dataset.tier];
    return otherRank > rank || (otherRank === rank && later(item.post.id, other.dataset.postId));
  });
  feed.insertBefore(element, before || null);
  $('#empty').hidden = true;
  watch(element);
}

function render(item) {
  const { post } = item;
  const author = post.author;
  const li = document.createElement('li');
  li.className = 'item';
  li.dataset.postId = post.id;
  li.dataset.tier = item.tier;

  const meta = document.createElement('div');
  meta.className = 'meta';
  if (author.avatarUrl) {
    const avatar = document.createElement('img');
    avatar.className = 'avatar';
    avatar.src = author.avatarUrl;
    avatar.alt = '';
    meta.append(avatar);
  }
  const name = document.createElement('span');
  name.className = 'author';
  name.textContent = author.displayName || `@${author.handle}`;
  meta.append(name);
  if (author.displayName) meta.append(`@${author.handle}`);
  const badge = document.createElement('span');
  badge.className = `badge ${item.tier}`;
  badge.textContent = item.tier;
  meta.append(badge);
  const time = document.createElement('time');
  time.dateTime = post.createdAt;
  time.textContent = new Date(post.createdAt).toLocaleString();
  meta.append(time);
  li.append(meta);

  if (post.text) {
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = post.text;
    li.append(text);
  }
  if (post.media.length > 0) {
    const media = document.createElement('div');
    media.className = 'media';
    for (const attached of post.media) {
      let element;
      if (attached.type.startsWith('video/')) {
        element = document.createElement('video');
        element.controls = true;
      } else {
        element = document.createElement('img');
        element.alt = `Photo by @${author.handle}`;
      }
      element.src = attached.url;
      media.append(element);
    }
    li.append(media);
  }
  return li;
}

// --- seen: an item counts as shown once most of it has been on screen for a second ----------

const timers = new Map();
const toAcknowledge = new Set();
let flushing = null;

const visibility = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const id = entry.target.dataset.postId;
    if (entry.isIntersecting && !timers.has(id)) {
      timers.set(id, setTimeout(() => shown(entry.target), SEEN_AFTER_MS));
    } else if (!entry.isIntersecting && timers.has(id)) {
      clearTimeout(timers.get(id));
      timers.delete(id);
    }
  }
}, { threshold: 0.6 });

function watch(element) {
  visibility.observe(element);
}

function shown(element) {
  visibility.unobserve(element);
  timers.delete(element.dataset.postId);
  element.dataset.seen = 'pending';
  toAcknowledge.add(element.dataset.postId);
  flushing = flushing || setTimeout(acknowledge, 200);
}

async function acknowledge() {
  const postIds = [...toAcknowledge].slice(0, 100);
  flushing = null;
  if (postIds.length === 0 || !session.userId) return;
  try {
    await call('POST', `/users/${session.userId}/feed/seen`, { json: { postIds } });
    postIds.forEach((id) => {
      toAcknowledge.delete(id);
      const element = $('#feed').querySelector(`[data-post-id="${id}"]`);
      if (element) element.dataset.seen = 'yes';
    });
  } catch (error) {
    showError(error);
  }
  if (toAcknowledge.size > 0) flushing = setTimeout(acknowledge, 1000);
}

// --- the live stream ---------------------------------------------------------------------------

function openStream() {
  if (stream) stream.abort();
  const controller = new AbortController();
  stream = controller;
  follow(controller);
}

/** Reads the stream; when it breaks, waits a little and resumes after the last event it got. */
async function follow(controller) {
  while (!controller.signal.aborted) {
    try {
      const headers = { Authorization: `Bearer ${session.token}`, Accept: 'text/event-stream' };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch(`${API}/users/${session.userId}/feed/stream`, { headers, signal: controller.signal });
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        throw new ApiError(response.status, body, response.headers.get('Retry-After'));
      }
      $('#live').hidden = false;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          receive(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) {
        leave();
        showError(error);
        return;
      }
    }
    $('#live').hidden = true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function receive(block) {
  let id = null;
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id:')) id = line.slice(3).trim();
    else if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trim());
  }
  if (name !== 'post' || data.length === 0) return; // comments: heartbeats
  if (id) lastEventId = id;
  add(JSON.parse(data.join('\n')));
}

if (session.token) {
  enter();
}
