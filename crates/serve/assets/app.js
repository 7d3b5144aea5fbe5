// tracuu: progressive enhancement only. Without this script every control still works as a
// link or a GET form; with it, typing updates the results in place and the citation buttons copy.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var live = document.getElementById('live');

  function bindCopy(root) {
    root.querySelectorAll('button.copy').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        var text = button.getAttribute('data-citation') || '';
        var done = function () {
          var label = button.textContent;
          button.textContent = 'Đã sao chép';
          setTimeout(function () { button.textContent = label; }, 1500);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
        } else {
          fallbackCopy(text);
          done();
        }
      });
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'absolute';
    area.style.left = '-9999px';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  bindCopy(document);
  if (!form || !window.fetch || !window.DOMParser) return;

  var timer = null;
  var controller = null;

  function currentUrl() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== '') params.append(key, value);
    });
    var query = params.toString();
    return '/' + (query ? '?' + query : '');
  }

  // While the user types, a query that does not work yet (a 4xx) keeps the results shown; the
  // error appears only when they submit or change a field.
  function update(typing) {
    var url = currentUrl();
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(url, { signal: controller.signal, headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (typing && !response.ok) return null;
        return response.text();
      })
      .then(function (html) {
        if (html === null) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var next = doc.getElementById('results');
        var current = document.getElementById('results');
        if (!next || !current) return;
        current.replaceWith(next);
        history.replaceState(null, '', url);
        document.title = doc.title;
        bindCopy(next);
        var total = next.querySelector('#total');
        if (live && total) live.textContent = total.textContent;
      })
      .catch(function (err) {
        if (err.name !== 'AbortError') console.warn('tracuu: could not update results', err);
      });
  }

  var q = document.getElementById('q');
  if (q) {
    q.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { update(true); }, 250);
    });
  }
  form.querySelectorAll('select, input[type=date]').forEach(function (el) {
    el.addEventListener('change', function () { update(false); });
  });
})();
