// Keyboard shortcuts of the review queue (/review): c confirm, r reject, n next, e edit.
// Confirm and reject need a reason: the key puts the cursor in the reason field, and Enter
// there sends the judgement the key chose. No inline script: the CSP forbids it.
(function () {
  const form = document.getElementById("judge");
  if (!form) return;
  const reason = document.getElementById("reason");
  let pending = "confirm";

  function send(action) {
    pending = action;
    if (!reason.value.trim()) {
      reason.placeholder = `why do you ${action} it? then Enter`;
      reason.focus();
      return;
    }
    document.getElementById(action).click();
  }

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (typing) {
      if (e.target === reason && e.key === "Enter") {
        e.preventDefault();
        if (reason.value.trim()) document.getElementById(pending).click();
      } else if (e.key === "Escape") {
        e.target.blur();
      }
      return;
    }
    const keys = {
      c: () => send("confirm"),
      r: () => send("reject"),
      n: () => document.getElementById("next").click(),
      e: () => document.getElementById("edit").click(),
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
    }
  });
})();
