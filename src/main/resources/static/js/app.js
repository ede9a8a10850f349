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

// The client picker (templates/clients/picker.html), a combobox after the WAI-ARIA pattern: htmx fills its listbox
// with suggestions as the user types; ArrowDown/ArrowUp move through them, Enter or a click chooses one, Escape
// closes the list. Choosing puts the client's id into the hidden clientId and fires its change, which loads the
// client's properties; typing again clears the id, so only a chosen (or, on the server, uniquely matching) client is
// ever submitted. Listeners on the document, so a form swapped in by a boosted link works too.
(function () {
    function isPicker(element) {
        return element && element.matches && element.matches('[data-client-picker]');
    }

    function partsOf(input) {
        var root = input.closest('.client-picker');
        return {
            list: root.querySelector('[role=listbox]'),
            hidden: root.querySelector('input[type=hidden][name=clientId]')
        };
    }

    function choices(list) {
        return Array.prototype.slice.call(list.querySelectorAll('[role=option][data-id]'));
    }

    function setOpen(input, list, open) {
        list.hidden = !open;
        input.setAttribute('aria-expanded', open ? 'true' : 'false');
        if (!open) {
            input.removeAttribute('aria-activedescendant');
        }
    }

    function highlight(input, list, option) {
        choices(list).forEach(function (o) {
            o.setAttribute('aria-selected', o === option ? 'true' : 'false');
        });
        if (option) {
            input.setAttribute('aria-activedescendant', option.id);
            option.scrollIntoView({block: 'nearest'});
        }
    }

    function choose(input, option) {
        var parts = partsOf(input);
        input.value = option.dataset.name;
        parts.hidden.value = option.dataset.id;
        setOpen(input, parts.list, false);
        parts.hidden.dispatchEvent(new Event('change', {bubbles: true}));
    }

    document.addEventListener('input', function (event) {
        if (!isPicker(event.target)) {
            return;
        }
        var parts = partsOf(event.target);
        if (parts.hidden.value !== '') {
            parts.hidden.value = '';
            parts.hidden.dispatchEvent(new Event('change', {bubbles: true}));
        }
    });

    document.addEventListener('keydown', function (event) {
        var input = event.target;
        if (!isPicker(input)) {
            return;
        }
        var list = partsOf(input).list;
        var options = choices(list);
        var current = options.indexOf(document.getElementById(input.getAttribute('aria-activedescendant') || ''));
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            if (options.length === 0) {
                return;
            }
            event.preventDefault();
            setOpen(input, list, true);
            var next = event.key === 'ArrowDown' ? current + 1 : current - 1;
            highlight(input, list, options[(next + options.length) % options.length]);
        } else if (event.key === 'Enter' && !list.hidden && current >= 0) {
            event.preventDefault();
            choose(input, options[current]);
        } else if (event.key === 'Escape' && !list.hidden) {
            event.preventDefault();
            setOpen(input, list, false);
        }
    });

    // a press on a suggestion keeps the focus in the text field; the click then chooses it
    document.addEventListener('mousedown', function (event) {
        if (event.target.closest && event.target.closest('.client-options [role=option]')) {
            event.preventDefault();
        }
    });
    document.addEventListener('click', function (event) {
        var option = event.target.closest && event.target.closest('.client-options [role=option][data-id]');
        if (option) {
            choose(option.closest('.client-picker').querySelector('[data-client-picker]'), option);
        }
    });

    document.addEventListener('focusout', function (event) {
        if (isPicker(event.target)) {
            var input = event.target;
            setTimeout(function () {
                if (document.activeElement !== input) {
                    setOpen(input, partsOf(input).list, false);
                }
            }, 150);
        }
    });

    // new suggestions arrived: show them while the user is still in the field
    document.addEventListener('htmx:afterSwap', function (event) {
        var list = event.detail.target;
        if (!list.matches || !list.matches('.client-options')) {
            return;
        }
        var input = list.closest('.client-picker').querySelector('[data-client-picker]');
        setOpen(input, list, document.activeElement === input && list.children.length > 0);
    });
})();

// "Copy" beside a value shown once (a new share link): copies the field named by data-copy and says so.
(function () {
    document.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('[data-copy]') : null;
        if (!button) {
            return;
        }
        var field = document.querySelector(button.getAttribute('data-copy'));
        if (!field) {
            return;
        }
        field.select();
        var done = function () {
            button.textContent = button.getAttribute('data-copied') || button.textContent;
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
            navigator.clipboard.writeText(field.value).then(done, function () {});
        }
    });
})();
