// Autosave for the workspace's review form: a draft is saved a moment
// after the reviewer stops typing. The form works without it (the Save
// draft button); the server answers an autosave with the new revision,
// which the form carries from then on.
(function () {
  'use strict';
  var form = document.querySelector('form[data-autosave="on"]');
  if (!form || !window.fetch || !window.FormData) return;
  var status = document.getElementById('autosave-status');
  var timer = null;
  var busy = false;
  var pending = null;
  var say = function (text) { if (status) status.textContent = text; };
  var save = function () {
    if (busy) { timer = setTimeout(save, 1000); return; }
    busy = true;
    var data = new FormData(form);
    data.set('action', 'save');
    fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-Autosave': '1', 'Accept': 'application/json' } })
      .then(function (r) {
        if (r.ok) return r.json().then(function (j) { form.elements.rev.value = j.rev; say(form.dataset.saved); });
        say(r.status === 412 ? form.dataset.conflict : form.dataset.failed);
      })
      .catch(function () { say(form.dataset.failed); })
      .then(function () {
        busy = false;
        if (pending) { var b = pending; pending = null; form.requestSubmit(b); }
      });
  };
  var later = function () { clearTimeout(timer); timer = setTimeout(save, 1500); };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  // A button pressed while a draft is on its way waits for it, so that
  // the form carries the revision the draft made.
  form.addEventListener('submit', function (e) {
    clearTimeout(timer);
    if (busy) { e.preventDefault(); pending = e.submitter || null; }
  });
})();
