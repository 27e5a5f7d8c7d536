/** Static parts of the preview page: served as files so the CSP can forbid inline scripts. */

/** Toolbar behaviour: variant, view, width and dark toggles; polls /version for live reload. */
export const PREVIEW_JS = `'use strict';
(function () {
  var frame = document.getElementById('frame');
  var variant = document.getElementById('variant');
  var dark = document.getElementById('dark');
  var status = document.getElementById('status');
  var view = 'html';
  var width = 375;
  var version = Number(document.body.getAttribute('data-version')) || 0;

  var subject = document.getElementById('subject');
  var shownSubjectOf = '';

  function showSubject() {
    var key = variant.value + '|' + version;
    if (key === shownSubjectOf) return;
    shownSubjectOf = key;
    fetch('/meta?variant=' + encodeURIComponent(variant.value), { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (body) { subject.textContent = 'Subject: ' + body.subject; })
      .catch(function () {});
  }

  function show() {
    var q = '?variant=' + encodeURIComponent(variant.value) + '&dark=' + (dark.checked ? 1 : 0) + '&v=' + version;
    frame.setAttribute('src', '/view/' + view + q);
    showSubject();
    frame.style.width = view === 'html' ? width + 'px' : '100%';
    document.querySelectorAll('[data-view]').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-view') === view));
    });
    document.querySelectorAll('[data-width]').forEach(function (b) {
      b.setAttribute('aria-pressed', String(Number(b.getAttribute('data-width')) === width));
    });
  }

  document.querySelectorAll('[data-view]').forEach(function (b) {
    b.addEventListener('click', function () { view = b.getAttribute('data-view'); show(); });
  });
  document.querySelectorAll('[data-width]').forEach(function (b) {
    b.addEventListener('click', function () { width = Number(b.getAttribute('data-width')); show(); });
  });
  variant.addEventListener('change', show);
  dark.addEventListener('change', show);

  function poll() {
    fetch('/version', { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (body.version !== version) {
          version = body.version;
          status.textContent = 'reloaded ' + new Date().toLocaleTimeString();
          show();
        }
      })
      .catch(function () { status.textContent = 'preview server unreachable'; })
      .finally(function () { setTimeout(poll, 700); });
  }
  show();
  setTimeout(poll, 700);
})();
`;

export const PREVIEW_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; background: #e5e7eb; color: #111827; }
header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 8px 12px; background: #fff;
  border-bottom: 1px solid #d1d5db; position: sticky; top: 0; }
header h1 { font-size: 15px; margin: 0 8px 0 0; }
button { font: inherit; padding: 4px 10px; border: 1px solid #9ca3af; background: #f9fafb; border-radius: 4px; cursor: pointer; }
button[aria-pressed="true"] { background: #1d4ed8; color: #fff; border-color: #1d4ed8; }
select { font: inherit; max-width: 260px; }
.group { display: flex; gap: 4px; align-items: center; }
#status { color: #4b5563; font-size: 12px; margin-left: auto; }
.notice { padding: 6px 12px; font-size: 13px; background: #fef3c7; color: #78350f; border-bottom: 1px solid #fcd34d; }
.subject { padding: 6px 12px; font-size: 13px; color: #374151; overflow-wrap: anywhere; }
main { display: flex; justify-content: center; padding: 12px; }
iframe { border: 1px solid #d1d5db; background: #fff; height: calc(100vh - 120px); max-width: 100%; }
`;

/** The site's icon (a folded paper), served at /favicon.ico by the preview and the site. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4ed8"/><path d="M9 7h10l5 5v13H9z" fill="#fff"/><path d="M19 7v5h5" fill="#c7d2fe"/><path d="M12 16h9M12 19h9M12 22h6" stroke="#1d4ed8" stroke-width="1.5"/></svg>`;
