// MeToo: small enhancements only. Every page works without this file.
(function () {
    "use strict";

    // Live character count for the story body (the server validates regardless).
    document.querySelectorAll("textarea[data-maxlength]").forEach(function (area) {
        var output = document.getElementById(area.getAttribute("data-count-target"));
        if (!output) { return; }
        var max = parseInt(area.getAttribute("data-maxlength"), 10);
        var min = parseInt(area.getAttribute("data-minlength") || "0", 10);
        var timer = null;
        function update() {
            var n = area.value.trim().length;
            var text = n + " / " + max + " characters";
            if (n < min) { text += " (at least " + min + ")"; }
            if (n > max) { text += " — " + (n - max) + " too many"; }
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

    // Copy the receipt code.
    document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
        var target = document.getElementById(button.getAttribute("data-copy-target"));
        var status = document.getElementById(button.getAttribute("data-copy-status"));
        if (!target || !navigator.clipboard) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(target.textContent.trim()).then(function () {
                if (status) { status.textContent = "Copied. Keep it somewhere only you can reach."; }
            }, function () {
                if (status) { status.textContent = "Could not copy. Please select the code and copy it by hand."; }
            });
        });
    });

    // On the receipt page, ask before leaving until the author confirms they saved the code.
    var receiptSection = document.querySelector("[data-warn-before-leaving]");
    if (receiptSection) {
        var warn = function (event) { event.preventDefault(); event.returnValue = ""; };
        window.addEventListener("beforeunload", warn);
        document.querySelectorAll("form").forEach(function (form) {
            form.addEventListener("submit", function () { window.removeEventListener("beforeunload", warn); });
        });
    }
})();
