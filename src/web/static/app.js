/* app.js — progressive enhancement of the rater's case page: a choice is
 * saved at once through the API (PUT /api/v1/scores/{case}/{criterion})
 * and the page says so. Without JavaScript the same forms post and the
 * server answers 303. No inline script anywhere (CSP script-src 'self'). */
(function () {
  'use strict';

  function say(status, text, kind) {
    status.textContent = text;
    status.className = 'status' + (kind ? ' ' + kind : '');
  }

  function save(form) {
    var status = form.querySelector('.status');
    var checked = form.querySelector('input[name="level"]:checked');
    var level = checked && checked.value !== '' ? checked.value : null;
    var text = form.querySelector('textarea[name="comment"]').value;
    var csrf = form.querySelector('input[name="csrf"]').value;
    if (level === null && text.trim() !== '') {
      say(status, 'Kies eerst een niveau; de toelichting hoort bij een score.', 'fout');
      return;
    }
    say(status, 'Bezig met opslaan…', '');
    var url = '/api/v1/scores/' + encodeURIComponent(form.dataset.case) + '/' +
      encodeURIComponent(form.dataset.criterion);
    fetch(url, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ level: level, comment: text === '' ? null : text })
    }).then(function (resp) {
      return resp.json().then(function (body) {
        if (resp.ok) {
          say(status, level === null ? 'Score weggehaald' : 'Opgeslagen', 'ok');
        } else {
          say(status, 'Niet opgeslagen: ' + (body.message || ('fout ' + resp.status)), 'fout');
        }
      });
    }).catch(function (e) {
      if (window.console) { window.console.warn('opslaan mislukt', e); }
      say(status, 'Niet opgeslagen: geen verbinding met de server.', 'fout');
    });
  }

  var forms = document.querySelectorAll('form.criterium');
  Array.prototype.forEach.call(forms, function (form) {
    if (!form.querySelector('input[name="level"]:not([disabled])')) {
      return;
    }
    form.addEventListener('change', function (ev) {
      if (ev.target.name === 'level' || ev.target.name === 'comment') {
        save(form);
      }
    });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      save(form);
    });
  });
})();
