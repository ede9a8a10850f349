// The dispatch board (Schedule, day view). The page lists every visit in its technician's lane; this script draws
// the lanes to scale and makes the cards draggable. Positions are set through the CSSOM (element.style), which the
// strict CSP allows from a script file, from the minutes the server wrote (data-start-minute, data-minutes), so a
// card's height is its duration, minute-exact. A drop posts to the server's write path (the visit's version with it)
// and the board is read again, showing the visit as it is now with its warnings; the outcome is said in
// #board-status (aria-live). The keyboard way stays the visit form (a card opens it).
(function () {
    'use strict';
    if (window.fieldstoneBoard) {
        return;
    }
    var PX_PER_MINUTE = 1.25; // an hour is 75 px (app.css draws the hour lines at the same pitch)
    var SNAP = 15;
    var drag = null;
    var seen = new WeakMap(); // when each board (as the server drew it) came

    function boards() {
        return Array.prototype.slice.call(document.querySelectorAll('table.board'));
    }

    function num(element, name) {
        return Number(element.getAttribute('data-' + name));
    }

    /** The pixel offset of a minute of the day from the top of the board's axis. */
    function top(board, minute) {
        return (minute - num(board, 'axis-start')) * PX_PER_MINUTE;
    }

    function layout(board) {
        var start = num(board, 'axis-start');
        var end = num(board, 'axis-end');
        var height = (end - start) * PX_PER_MINUTE + 'px';
        board.classList.add('board-js');
        board.querySelectorAll('.board-lane, .board-axis-inner').forEach(function (element) {
            element.style.height = height;
        });
        board.querySelectorAll('.board-hour').forEach(function (hour) {
            hour.style.top = top(board, num(hour, 'minute')) + 'px';
        });
        board.querySelectorAll('.board-lane').forEach(function (lane) {
            var cards = Array.prototype.slice.call(lane.querySelectorAll('.visit-card'));
            cards.forEach(function (card) {
                card.style.top = top(board, num(card, 'start-minute')) + 'px';
                card.style.height = num(card, 'minutes') * PX_PER_MINUTE + 'px';
            });
            sideBySide(cards);
        });
        markNow(board);
    }

    /** Visits that overlap in one lane (a double booking) share its width instead of hiding each other. */
    function sideBySide(cards) {
        var items = cards.map(function (card) {
            var s = num(card, 'start-minute');
            return {card: card, start: s, end: s + Math.max(num(card, 'minutes'), 1), track: 0};
        }).sort(function (a, b) {
            return a.start - b.start || b.end - a.end;
        });
        var cluster = [];
        var ends = [];
        var clusterEnd = -1;

        function flush() {
            var n = Math.max(ends.length, 1);
            cluster.forEach(function (item) {
                item.card.style.left = (item.track * 100 / n) + '%';
                item.card.style.width = (100 / n) + '%';
            });
            cluster = [];
            ends = [];
        }

        items.forEach(function (item) {
            if (item.start >= clusterEnd) {
                flush();
            }
            var track = ends.findIndex(function (e) {
                return e <= item.start;
            });
            if (track < 0) {
                track = ends.length;
                ends.push(item.end);
            } else {
                ends[track] = item.end;
            }
            item.track = track;
            cluster.push(item);
            clusterEnd = Math.max(clusterEnd, item.end);
        });
        flush();
    }

    /** The current time as a line across the lanes (the server's minute when the page came, plus time since). */
    function markNow(board) {
        var minute = num(board, 'now-minute');
        var lanes = board.querySelectorAll('.board-lane');
        var shown = minute >= 0;
        if (shown) {
            if (!seen.has(board)) {
                seen.set(board, Date.now());
            }
            minute += Math.floor((Date.now() - seen.get(board)) / 60000);
            shown = minute >= num(board, 'axis-start') && minute <= num(board, 'axis-end');
        }
        lanes.forEach(function (lane) {
            var line = lane.querySelector('.board-now');
            if (!shown) {
                if (line) {
                    line.remove();
                }
                return;
            }
            if (!line) {
                line = document.createElement('div');
                line.className = 'board-now';
                line.setAttribute('aria-hidden', 'true');
                lane.appendChild(line);
            }
            line.style.top = top(board, minute) + 'px';
        });
    }

    function init() {
        boards().forEach(layout);
    }

    // ---- drag and drop ----------------------------------------------------------------------------------------

    function draggableBoard() {
        var board = document.querySelector('table.board[data-can-drag="true"]');
        return board;
    }

    function hhmm(minute) {
        var h = Math.floor(minute / 60);
        var m = minute % 60;
        return (h < 10 ? '0' : '') + h + ':' + (m < 10 ? '0' : '') + m;
    }

    /** The snapped start minute under the pointer in a lane, kept on the board. */
    function minuteAt(board, lane, clientY) {
        var rect = lane.getBoundingClientRect();
        var raw = num(board, 'axis-start') + (clientY - rect.top) / PX_PER_MINUTE - drag.grab;
        var snapped = Math.round(raw / SNAP) * SNAP;
        var last = num(board, 'axis-end') - Math.min(drag.minutes, SNAP);
        return Math.max(num(board, 'axis-start'), Math.min(snapped, last));
    }

    /** What the preview warns of while dragging: another visit in the lane then, or outside working hours. */
    function warningsFor(board, lane, start) {
        var end = start + drag.minutes;
        var words = [];
        var clash = Array.prototype.some.call(lane.querySelectorAll('.visit-card'), function (card) {
            if (drag.element === card) {
                return false;
            }
            var s = num(card, 'start-minute');
            return s < end && s + num(card, 'minutes') > start;
        });
        if (clash && lane.getAttribute('data-user') !== '') {
            words.push(board.getAttribute('data-clash'));
        }
        if (start < num(board, 'work-start') || end > num(board, 'work-end')) {
            words.push(board.getAttribute('data-outside'));
        }
        return words;
    }

    function preview(board, lane, start) {
        var box = board.querySelector('.board-drop-preview');
        if (!box) {
            box = document.createElement('div');
            box.className = 'board-drop-preview';
            box.setAttribute('aria-hidden', 'true');
        }
        if (box.parentNode !== lane) {
            lane.appendChild(box);
        }
        var warnings = warningsFor(board, lane, start);
        box.style.top = top(board, start) + 'px';
        box.style.height = drag.minutes * PX_PER_MINUTE + 'px';
        box.classList.toggle('warned', warnings.length > 0);
        box.textContent = hhmm(start) + '–' + hhmm(Math.min(start + drag.minutes, 24 * 60))
            + (warnings.length ? ' · ' + warnings.join(' · ') : '');
    }

    function clearPreview() {
        document.querySelectorAll('.board-drop-preview').forEach(function (box) {
            box.remove();
        });
    }

    document.addEventListener('dragstart', function (event) {
        var board = draggableBoard();
        var source = event.target && event.target.closest ? event.target.closest('.visit-card, .unscheduled-job') : null;
        if (!board || !source) {
            return;
        }
        if (source.classList.contains('visit-card')) {
            if (!board.contains(source) || source.getAttribute('data-movable') !== 'true') {
                event.preventDefault();
                return;
            }
            var lane = source.closest('.board-lane');
            drag = {
                kind: 'visit', element: source, id: source.getAttribute('data-visit'),
                version: source.getAttribute('data-version'), minutes: num(source, 'minutes'),
                from: lane ? lane.getAttribute('data-user') : '',
                grab: (event.clientY - source.getBoundingClientRect().top) / PX_PER_MINUTE
            };
        } else {
            drag = {kind: 'job', element: source, id: source.getAttribute('data-job'), minutes: num(source, 'minutes'), grab: 0};
        }
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', drag.id);
        source.classList.add('dragging');
    });

    document.addEventListener('dragover', function (event) {
        var board = draggableBoard();
        var lane = drag && board && event.target.closest ? event.target.closest('.board-lane') : null;
        if (!lane || !board.contains(lane)) {
            return;
        }
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        preview(board, lane, minuteAt(board, lane, event.clientY));
    });

    document.addEventListener('dragend', function () {
        if (drag) {
            drag.element.classList.remove('dragging');
        }
        clearPreview();
        drag = null;
    });

    document.addEventListener('drop', function (event) {
        var board = draggableBoard();
        var lane = drag && board && event.target.closest ? event.target.closest('.board-lane') : null;
        if (!lane || !board.contains(lane)) {
            return;
        }
        event.preventDefault();
        var d = drag;
        var start = board.getAttribute('data-date') + 'T' + hhmm(minuteAt(board, lane, event.clientY));
        var to = lane.getAttribute('data-user');
        clearPreview();
        d.element.classList.remove('dragging');
        drag = null;
        if (d.kind === 'visit') {
            post(board, board.getAttribute('data-move-url') + d.id,
                {version: d.version, start: start, from: d.from, to: to});
        } else {
            post(board, board.getAttribute('data-book-url') + d.id + '/visits',
                {start: start, minutes: String(d.minutes), to: to});
        }
    });

    function post(board, url, fields) {
        var headers = {'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded'};
        var token = document.querySelector('meta[name="csrf-token"]');
        var header = document.querySelector('meta[name="csrf-header"]');
        if (token && header) {
            headers[header.content] = token.content;
        }
        var failed = board.getAttribute('data-failed');
        var reloadUrl = board.getAttribute('data-reload-url');
        say('', [], false);
        fetch(url, {method: 'POST', headers: headers, body: new URLSearchParams(fields), credentials: 'same-origin'})
            .then(function (response) {
                return response.json().catch(function () {
                    return {outcome: 'refused', message: failed, warnings: []};
                });
            })
            .catch(function () {
                return {outcome: 'refused', message: failed, warnings: []};
            })
            .then(function (answer) {
                return reload(reloadUrl).then(function () {
                    say(answer.message || failed, answer.warnings || [], answer.outcome !== 'saved');
                    if (answer.visit) {
                        var card = document.querySelector('table.board .visit-card[data-visit="' + answer.visit + '"]');
                        if (card) {
                            card.classList.add('just-moved');
                        }
                    }
                });
            });
    }

    /** Reads the board again (the visits as they are now) and puts it and the panel in place of the old ones. */
    function reload(url) {
        return fetch(url, {headers: {'Accept': 'text/html'}, credentials: 'same-origin'})
            .then(function (response) {
                return response.text();
            })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, 'text/html');
                ['calendar-scroll', 'unscheduled'].forEach(function (id) {
                    var now = document.getElementById(id);
                    var next = fresh.getElementById(id);
                    if (now && next) {
                        var adopted = document.importNode(next, true);
                        now.replaceWith(adopted);
                        if (window.htmx) {
                            window.htmx.process(adopted);
                        }
                    }
                });
                init();
            })
            .catch(function () {
                init();
            });
    }

    /** The outcome of a drop, in the page's live region: the message and any warnings. */
    function say(message, warnings, refused) {
        var region = document.getElementById('board-status');
        if (!region) {
            return;
        }
        region.textContent = '';
        region.classList.toggle('refused', !!refused);
        if (message) {
            var text = document.createElement('span');
            text.className = 'board-message';
            text.textContent = message;
            region.appendChild(text);
        }
        if (warnings.length) {
            var list = document.createElement('ul');
            list.className = 'warnings';
            list.id = 'board-warnings';
            warnings.forEach(function (w) {
                var item = document.createElement('li');
                item.textContent = w;
                list.appendChild(item);
            });
            region.appendChild(list);
        }
    }

    window.fieldstoneBoard = {init: init};
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
    // the board swapped in by htmx (a boosted navigation, the reload after the visit form saved) is drawn again
    document.addEventListener('htmx:load', init);
    document.addEventListener('htmx:afterSettle', init);
    setInterval(function () {
        boards().forEach(markNow);
    }, 60000);
})();
