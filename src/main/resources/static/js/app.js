// Sends the CSRF token with every htmx request; the server refuses state-changing requests without it.
document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) {
        event.detail.headers[header.content] = token.content;
    }
});
// Selects a one-time secret (API key, invitation link) when tapped, ready to copy.
document.addEventListener('focusin', function (event) {
    if (event.target.classList && event.target.classList.contains('copy')) {
        event.target.select();
    }
});
// A file larger than its input's data-max-bytes is refused before it is sent, beside the field, in the words the
// page gave (data-too-large); the server checks again and refuses it with the same words.
document.addEventListener('submit', function (event) {
    var inputs = event.target.querySelectorAll ? event.target.querySelectorAll('input[type=file][data-max-bytes]') : [];
    inputs.forEach(function (input) {
        var file = input.files && input.files[0];
        if (file && file.size > Number(input.dataset.maxBytes)) {
            event.preventDefault();
            var error = document.getElementById(input.id + '-error');
            if (!error) {
                error = document.createElement('p');
                error.className = 'field-error';
                error.id = input.id + '-error';
                input.parentNode.insertBefore(error, input.nextSibling);
            }
            error.textContent = input.dataset.tooLarge;
            input.setAttribute('aria-invalid', 'true');
            input.setAttribute('aria-describedby', error.id);
            input.focus();
        }
    });
});

// Parts of a form that apply to some choices of a select only: an element with data-shown-by (the select's id) and
// data-shown-for (the values it applies to, separated by spaces) is hidden for any other value. The server renders
// the same `hidden` for the value it sends, so the page is right before this runs.
(function () {
    function update(select) {
        document.querySelectorAll('[data-shown-by="' + select.id + '"]').forEach(function (part) {
            part.hidden = part.getAttribute('data-shown-for').split(' ').indexOf(select.value) < 0;
        });
    }
    document.addEventListener('change', function (event) {
        var select = event.target;
        if (select.tagName === 'SELECT' && select.id && document.querySelector('[data-shown-by="' + select.id + '"]')) {
            update(select);
        }
    });
})();
// Schedule: a visit form loaded by htmx into #visit-panel is shown in its dialog, in sight wherever the card was
// (Escape and the Close button close it, the dialog's own behaviour).
document.addEventListener('htmx:afterSwap', function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === 'visit-panel') {
        var dialog = document.getElementById('visit-dialog');
        if (dialog && !dialog.open && typeof dialog.showModal === 'function') {
            dialog.showModal();
        }
    }
});
// My day: a stop swapped in place with a refusal brings its message into view (the page keeps its scroll otherwise).
document.addEventListener('htmx:afterSettle', function (event) {
    var root = event.target;
    var reveal = root && root.querySelector ? root.querySelector('[data-reveal]') : null;
    if (reveal) {
        reveal.removeAttribute('data-reveal');
        reveal.scrollIntoView({block: 'nearest'});
    }
});
// Schedule: the day board's own script (board.js) also when the board arrives by a boosted navigation, whose
// scripts htmx does not run; once loaded it draws every board that comes later itself.
document.addEventListener('htmx:load', function () {
    var board = document.querySelector('table.board[data-script]');
    if (board && !window.fieldstoneBoard && !document.querySelector('script[data-board-script]')) {
        var script = document.createElement('script');
        script.src = board.getAttribute('data-script');
        script.setAttribute('data-board-script', '');
        document.head.appendChild(script);
    }
});
