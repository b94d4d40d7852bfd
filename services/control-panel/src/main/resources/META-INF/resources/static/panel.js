// rpi-k8s-platform control panel: the only script. Pages work without it; it adds live updates (Server-Sent Events
// relayed by the panel from monitoring-service), log follow, copy buttons, browser-to-S3 uploads and the phone menu.
(function () {
  'use strict';

  var menu = document.querySelector('.menu');
  var sidebar = document.getElementById('sidebar');
  if (menu && sidebar) {
    menu.addEventListener('click', function () {
      var open = sidebar.classList.toggle('open');
      menu.setAttribute('aria-expanded', String(open));
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && sidebar.classList.contains('open')) {
        sidebar.classList.remove('open');
        menu.setAttribute('aria-expanded', 'false');
        menu.focus();
      }
    });
  }

  // Copy buttons: <button data-copy="element-id">.
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var text = document.getElementById(button.getAttribute('data-copy')).textContent.trim();
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = 'Copied';
      }, function () {
        button.textContent = 'Select and copy by hand';
      });
    });
  });

  // Parts of a page that are re-rendered by the panel when a live event of a kind they show arrives:
  // <section data-refresh="/apps/default/web/status" data-refresh-on="deployment pod">. While such a part shows
  // something still changing (an element with data-in-progress, e.g. a rollout), it is also re-rendered every
  // 2 s: the last event of a change can arrive before the state it announces is readable.
  var pending = {};
  function refreshElement(el, delay) {
    if (pending[el.id]) {
      return;
    }
    pending[el.id] = setTimeout(function () {
      fetch(el.getAttribute('data-refresh'), {credentials: 'same-origin'}).then(function (r) {
        return r.ok ? r.text() : null;
      }).then(function (html) {
        delete pending[el.id];
        if (html !== null) {
          el.innerHTML = html;
          el.dispatchEvent(new CustomEvent('panel:refreshed', {bubbles: true}));
        }
        follow(el);
      }, function () {
        delete pending[el.id];
        follow(el);
      });
    }, delay);
  }
  function follow(el) {
    if (el.querySelector('[data-in-progress]')) {
      refreshElement(el, 2000);
    }
  }
  function refresh(kind) {
    document.querySelectorAll('[data-refresh]').forEach(function (el) {
      if ((el.getAttribute('data-refresh-on') || '').split(' ').indexOf(kind) >= 0) {
        refreshElement(el, 150);
      }
    });
  }
  document.querySelectorAll('[data-refresh]').forEach(follow);

  // The live feed on /live: newest first, at most 200 lines.
  var feed = document.getElementById('feed');
  function show(kind, data) {
    if (!feed) {
      return;
    }
    var item = document.createElement('li');
    var what = data.action || kind;
    var subject = data.data && (data.data.subject || data.data.name
        || (data.data.data && data.data.data.deployment && data.data.data.deployment.namespace + '/' + data.data.data.deployment.name)) || '';
    item.innerHTML = '<span class="pill"></span> <b></b> <span class="muted small"></span>';
    item.querySelector('.pill').textContent = kind;
    item.querySelector('b').textContent = what + (subject ? ' · ' + subject : '');
    item.querySelector('.muted').textContent = new Date().toLocaleTimeString();
    item.setAttribute('data-kind', kind);
    feed.insertBefore(item, feed.firstChild);
    while (feed.children.length > 200) {
      feed.removeChild(feed.lastChild);
    }
  }

  var state = document.getElementById('live-state');
  var banner = document.getElementById('live-banner');
  if (state && window.EventSource) {
    var opened = false;
    var planned = false;
    var source = new EventSource('/live/stream');
    // The panel ends each stream after a while (so that none outlives its session) and says so first.
    source.addEventListener('reconnect', function () {
      planned = true;
    });
    source.addEventListener('open', function () {
      // Changes made while the stream was connecting or down were not seen: catch up once.
      document.querySelectorAll('[data-refresh]').forEach(function (el) {
        refreshElement(el, 0);
      });
      opened = true;
      planned = false;
      state.setAttribute('data-state', 'open');
      state.title = 'Live updates: connected';
      banner.hidden = true;
    });
    source.addEventListener('error', function () {
      // EventSource reconnects by itself; say so while it does.
      state.setAttribute('data-state', 'reconnecting');
      state.title = 'Live updates: reconnecting';
      if (planned) {
        planned = false;
      } else {
        banner.hidden = false;
      }
    });
    ['node', 'pod', 'alert', 'deployment'].forEach(function (kind) {
      source.addEventListener(kind, function (e) {
        var data = {};
        try {
          data = JSON.parse(e.data);
        } catch (ignored) {
          // not JSON: shown by kind only
        }
        show(kind, data);
        refresh(kind);
      });
    });
  }

  // Log follow: <pre data-log-stream="/apps/ns/name/logs/stream?pod=p">.
  document.querySelectorAll('[data-log-stream]').forEach(function (pre) {
    var status = document.getElementById(pre.getAttribute('data-status'));
    var logs = new EventSource(pre.getAttribute('data-log-stream'));
    logs.addEventListener('open', function () {
      // A new stream starts with the log's tail again: show it once.
      pre.textContent = '';
      status.textContent = 'Following';
    });
    logs.addEventListener('error', function () { status.textContent = 'Reconnecting…'; });
    logs.addEventListener('message', function (e) {
      var atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      pre.appendChild(document.createTextNode(e.data + '\n'));
      if (atEnd) {
        pre.scrollTop = pre.scrollHeight;
      }
    });
  });

  // Upload straight to S3: the panel asks storage-service for a presigned PUT URL, the browser sends the file there.
  var upload = document.getElementById('upload');
  if (upload) {
    upload.addEventListener('submit', function (e) {
      e.preventDefault();
      var file = upload.querySelector('input[type=file]').files[0];
      var out = document.getElementById('upload-status');
      if (!file) {
        out.textContent = 'Choose a file first.';
        return;
      }
      var form = new URLSearchParams(new FormData(upload));
      form.delete('file');
      form.set('key', (upload.getAttribute('data-prefix') || '') + file.name);
      out.textContent = 'Uploading ' + file.name + '…';
      fetch(upload.action, {method: 'POST', body: form, credentials: 'same-origin'}).then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) {
            throw new Error(body.title + (body.detail ? ': ' + body.detail : ''));
          }
          return body;
        });
      }).then(function (presigned) {
        return fetch(presigned.url, {method: 'PUT', body: file}).then(function (r) {
          if (!r.ok) {
            throw new Error('S3 answered ' + r.status);
          }
        });
      }).then(function () {
        out.textContent = 'Uploaded ' + file.name + '.';
        location.reload();
      }, function (err) {
        out.textContent = 'Upload failed: ' + err.message;
      });
    });
  }
})();
