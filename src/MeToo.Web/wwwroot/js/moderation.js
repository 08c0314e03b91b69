// Keyboard shortcuts for moderators (docs/moderation.md, WCAG 2.1.4): single keys that can be
// switched off, never act while typing in a field or with a modifier held, and never publish by
// themselves — "a" only moves to the confirmation box.
(function () {
  'use strict';
  var storageKey = 'metoo.moderation.shortcuts';
  var toggle = document.getElementById('shortcuts-enabled');
  var enabled = true;
  try { enabled = localStorage.getItem(storageKey) !== 'off'; } catch (e) { /* storage blocked: keep on */ }
  if (toggle) {
    toggle.checked = enabled;
    toggle.addEventListener('change', function () {
      enabled = toggle.checked;
      try { localStorage.setItem(storageKey, enabled ? 'on' : 'off'); } catch (e) { /* ignore */ }
    });
  }

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    if (tag === 'textarea' || tag === 'select' || target.isContentEditable) { return true; }
    if (tag !== 'input') { return false; }
    var type = (target.type || 'text').toLowerCase();
    return ['checkbox', 'radio', 'button', 'submit', 'reset'].indexOf(type) === -1;
  }

  function go(id) {
    var link = document.getElementById(id);
    if (link) { window.location.assign(link.href); return true; }
    return false;
  }

  function focus(selector) {
    var element = document.querySelector(selector);
    if (!element) { return false; }
    var details = element.closest('details');
    if (details) { details.open = true; }
    element.scrollIntoView({ block: 'center' });
    element.focus();
    return true;
  }

  function queueLink(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll('.queue-item a.review-link'));
    if (links.length === 0) { return false; }
    var index = links.indexOf(document.activeElement);
    var next = index === -1 ? 0 : Math.min(Math.max(index + step, 0), links.length - 1);
    links[next].focus();
    return true;
  }

  document.addEventListener('keydown', function (event) {
    if (!enabled || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || typing(event.target)) {
      return;
    }

    var handled = false;
    switch (event.key) {
      case 'j': handled = go('next-item') || queueLink(1); break;
      case 'k': handled = go('previous-item') || queueLink(-1); break;
      case 'v': {
        var reveal = document.getElementById('reveal-text');
        if (reveal) { reveal.checked = !reveal.checked; handled = true; }
        break;
      }
      case 'a': handled = focus('#approve-confirm'); break;
      case 'c': handled = focus('#request-changes-form textarea'); break;
      case 'x': handled = focus('#reject-form input[type=radio]'); break;
      case 'e': handled = focus('#redact-form textarea'); break;
      case '?': {
        var help = document.getElementById('shortcut-help');
        if (help) { help.open = !help.open; handled = true; }
        break;
      }
    }

    if (handled) { event.preventDefault(); }
  });
}());
