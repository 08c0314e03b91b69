// MeToo: small enhancements only. Every page works without this file.
(function () {
    "use strict";

    // Live character count for the story body (the server validates regardless).
    document.querySelectorAll("textarea[data-maxlength]").forEach(function (area) {
        var output = document.getElementById(area.getAttribute("data-count-target"));
        if (!output) { return; }
        var max = parseInt(area.getAttribute("data-maxlength"), 10);
        var min = parseInt(area.getAttribute("data-minlength") || "0", 10);
        var language = document.documentElement.lang || undefined;
        // The words come from the page, in its language: "{0} / {1} characters", " (at least {0})", " — {0} too many".
        function say(name, a, b) {
            return (area.getAttribute(name) || "").replace("{0}", a.toLocaleString(language)).replace("{1}", b === undefined ? "" : b.toLocaleString(language));
        }
        var timer = null;
        function update() {
            var n = area.value.trim().length;
            var text = say("data-count-text", n, max);
            if (n < min) { text += say("data-count-short", min); }
            if (n > max) { text += say("data-count-over", n - max); }
            output.textContent = text;
        }
        area.addEventListener("input", function () {
            // Announce at a gentle pace: the output is an aria-live region.
            window.clearTimeout(timer);
            timer = window.setTimeout(update, 400);
        });
        output.hidden = false;
        update();
    });

    // A language the reader's browser prefers, suggested — never followed: a small notice, in that
    // language, offers the same page (the picker's own link or button, so an author's step keeps its
    // form). The server never reads Accept-Language; dismissing is remembered on this device only.
    (function () {
        var picker = document.querySelector("nav.language-picker");
        var main = document.getElementById("main");
        if (!picker || !main) { return; }
        try { if (localStorage.getItem("language-suggestion-dismissed")) { return; } } catch (e) { return; }
        var current = (document.documentElement.lang || "").toLowerCase();
        var preferred = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
        for (var i = 0; i < preferred.length; i++) {
            var code = String(preferred[i]).slice(0, 2).toLowerCase();
            if (code === current) { return; }
            var option = picker.querySelector("[lang='" + code + "'][data-suggestion]");
            if (!option) { continue; }
            var notice = document.createElement("p");
            notice.className = "language-suggestion notice";
            notice.setAttribute("lang", code);
            notice.setAttribute("role", "status");
            var go = option.cloneNode(true);
            go.textContent = option.getAttribute("data-suggestion");
            notice.appendChild(go);
            var dismiss = document.createElement("button");
            dismiss.type = "button";
            dismiss.className = "link-button";
            dismiss.textContent = option.getAttribute("data-dismiss");
            dismiss.addEventListener("click", function () {
                try { localStorage.setItem("language-suggestion-dismissed", "1"); } catch (e) { /* storage blocked */ }
                notice.remove();
            });
            notice.appendChild(document.createTextNode(" "));
            notice.appendChild(dismiss);
            main.insertBefore(notice, main.firstChild);
            return;
        }
    })();

    // Copy the receipt code.
    document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
        var target = document.getElementById(button.getAttribute("data-copy-target"));
        var status = document.getElementById(button.getAttribute("data-copy-status"));
        if (!target || !navigator.clipboard) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(target.textContent.trim()).then(function () {
                if (status) { status.textContent = button.getAttribute("data-copied"); }
            }, function () {
                if (status) { status.textContent = button.getAttribute("data-copy-failed"); }
            });
        });
    });

    // Nothing may stand between a person and the quick exit: a page that asks before leaving (the
    // receipt page, until its code is confirmed as saved) does so only through guardLeaving, whose
    // guard does nothing once the exit has begun.
    var leaving = false;
    function guardLeaving() {
        var guard = function (event) {
            if (leaving) { return; }
            event.preventDefault();
            event.returnValue = "";
        };
        window.addEventListener("beforeunload", guard);
        return function () { window.removeEventListener("beforeunload", guard); };
    }

    // On the receipt page, ask before leaving until the author confirms they saved the code.
    if (document.querySelector("[data-warn-before-leaving]")) {
        var unguard = guardLeaving();
        document.querySelectorAll("form").forEach(function (form) {
            form.addEventListener("submit", unguard);
        });
    }
    // Remembered on this device only (never sent to the server): which stories this browser
    // supported, and whether it said #MeToo today. "Forget this device" and quick exit clear it.
    var store = {
        get: function (key) { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } },
        set: function (key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage blocked */ } }
    };

    function postForm(form) {
        return fetch(form.action, {
            method: "POST",
            body: new URLSearchParams(new FormData(form)),
            headers: { "Accept": "application/json" },
            credentials: "omit",
            cache: "no-store",
            referrerPolicy: "no-referrer"
        }).then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
        });
    }

    // Silent support without a reload; the new count is announced politely (aria-live on the count).
    var supported = store.get("metoo.supported") || [];
    // The count this browser last saw for a story it supported: a page served from a cache made
    // before the tap shows that instead, so a reader never sees their own count fall (decision 0024).
    var seen = store.get("metoo.supportSeen") || {};
    document.querySelectorAll("form.support-form").forEach(function (form) {
        var id = form.getAttribute("data-story");
        var button = form.querySelector("button");
        var count = form.querySelector(".support-count");
        var shown = parseInt(count.getAttribute("data-count") || "0", 10);
        if (seen[id] && seen[id].count > shown) { count.textContent = seen[id].text; }
        function markSupported() {
            form.classList.add("supported");
            button.setAttribute("aria-pressed", "true");
            button.querySelector(".support-label").textContent = form.getAttribute("data-supported-label");
        }
        if (supported.indexOf(id) !== -1) { markSupported(); }
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            if (form.classList.contains("supported")) { return; }
            button.disabled = true;
            postForm(form).then(function (result) {
                count.textContent = result.text;
                count.setAttribute("data-count", String(result.count));
                seen[id] = { count: result.count, text: result.text };
                var ids = Object.keys(seen);
                if (ids.length > 500) { delete seen[ids[0]]; }
                store.set("metoo.supportSeen", seen);
                if (supported.indexOf(id) === -1) { supported.push(id); store.set("metoo.supported", supported.slice(-500)); }
                markSupported();
                button.disabled = false;
            }, function () {
                button.disabled = false;
                form.submit(); // fall back to the plain post
            });
        });
    });

    // "Say #MeToo" without a reload.
    var metoo = document.getElementById("say-metoo-form");
    if (metoo) {
        metoo.addEventListener("submit", function (event) {
            event.preventDefault();
            postForm(metoo).then(function (result) {
                var total = document.getElementById("metoo-count");
                if (total) { total.textContent = result.count.toLocaleString(document.documentElement.lang || undefined); }
                document.getElementById("metoo-status").textContent = metoo.getAttribute("data-counted-message");
                metoo.querySelector("button").disabled = true;
            }, function () { metoo.submit(); });
        });
    }
    // A form sent once stays sent: a double click on "Send my story" sends it once (the server also
    // shows the first receipt again for a repeat of the same preview).
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            if (form.getAttribute("data-sent") === "1") { event.preventDefault(); return; }
            form.setAttribute("data-sent", "1");
        });
    });

    // Quick exit: the button, or Shift pressed three times (each press restarts a five-second timer, any
    // other key resets the count, Shift held as a modifier does not count), as GOV.UK's "Exit this
    // page". Leaves with location.replace so Back does not return here, and first clears what the
    // site kept in this browser.
    var exit = document.getElementById("quick-exit");
    function forgetDevice() {
        try { localStorage.clear(); } catch (e) { /* ignore */ }
        try { sessionStorage.clear(); } catch (e) { /* ignore */ }
    }
    function leave() {
        leaving = true;
        forgetDevice();
        // The address is the link's own, chosen by the server for the page's language.
        window.location.replace(exit.href);
        document.body.hidden = true;
    }
    if (exit) {
        exit.addEventListener("click", function (event) { event.preventDefault(); leave(); });
        var presses = 0, timer = null, shiftAlone = false;
        document.addEventListener("keydown", function (event) {
            if (event.key === "Shift") { shiftAlone = !event.repeat; return; }
            shiftAlone = false;
            presses = 0;
        });
        document.addEventListener("keyup", function (event) {
            if (event.key !== "Shift" || !shiftAlone) { return; }
            shiftAlone = false;
            presses += 1;
            window.clearTimeout(timer);
            if (presses >= 3) { presses = 0; leave(); return; }
            timer = window.setTimeout(function () { presses = 0; }, 5000);
        });
    }

    // "Forget this device" with JavaScript: clear at once (the server also sends Clear-Site-Data).
    var forget = document.getElementById("forget-device-form");
    if (forget) {
        forget.addEventListener("submit", forgetDevice);
    }
    // Content warnings: stories stay folded unless the reader chose, in this browser, to open those
    // whose topics they have not asked to always fold.
    var prefsPanel = document.getElementById("cw-preferences");
    var prefs = store.get("metoo.fold") || { topics: [], openOthers: false };
    function applyFolding() {
        document.querySelectorAll("details.content-warning[data-warnings]").forEach(function (details) {
            var topics = details.getAttribute("data-warnings").split(" ");
            var folded = topics.some(function (t) { return prefs.topics.indexOf(t) !== -1; });
            details.open = prefs.openOthers && !folded;
        });
    }
    if (prefsPanel) {
        prefsPanel.hidden = false;
        var boxes = prefsPanel.querySelectorAll("input[name=fold]");
        var openOthers = document.getElementById("cw-open-others");
        boxes.forEach(function (box) { box.checked = prefs.topics.indexOf(box.value) !== -1; });
        openOthers.checked = !!prefs.openOthers;
        prefsPanel.addEventListener("change", function () {
            prefs = {
                topics: Array.prototype.filter.call(boxes, function (b) { return b.checked; }).map(function (b) { return b.value; }),
                openOthers: openOthers.checked
            };
            store.set("metoo.fold", prefs);
            applyFolding();
        });
    }
    if (prefs.openOthers) { applyFolding(); }
})();
