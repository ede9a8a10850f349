// The client picker (templates/clients/picker.html), a combobox after the WAI-ARIA pattern: htmx fills its listbox
// with suggestions as the user types; ArrowDown/ArrowUp move through them, Enter or a click chooses one, Escape
// closes the list. Choosing puts the client's id into the hidden clientId and fires its change, which loads the
// client's properties; typing again clears the id, so only a chosen (or, on the server, uniquely matching) client is
// ever submitted. Loaded once per page however many pickers it has.
(function () {
    if (window.fieldstoneClientPicker) {
        return;
    }
    window.fieldstoneClientPicker = true;

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
