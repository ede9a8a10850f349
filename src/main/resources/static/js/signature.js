// Signature pad: a <canvas data-signature-for="ID"> that the customer draws on with a finger, pen or mouse. Each stroke
// writes the drawing as a PNG data URL into the hidden input ID; a button with data-signature-clear="ID" wipes both.
// Without JavaScript the canvas stays blank and the form is sent without a signature (the server accepts that).
(function () {
    function setUp(canvas) {
        if (canvas.dataset.ready) { return; }
        canvas.dataset.ready = 'true';
        var input = document.getElementById(canvas.dataset.signatureFor);
        var context = canvas.getContext('2d');
        var last = null;
        var ratio = window.devicePixelRatio || 1;
        canvas.width = canvas.clientWidth * ratio;
        canvas.height = canvas.clientHeight * ratio;
        context.scale(ratio, ratio);
        context.lineWidth = 2.5;
        context.lineCap = context.lineJoin = 'round';
        context.strokeStyle = '#111';
        function point(event) {
            var box = canvas.getBoundingClientRect();
            return {x: event.clientX - box.left, y: event.clientY - box.top};
        }
        canvas.addEventListener('pointerdown', function (event) {
            event.preventDefault();
            canvas.setPointerCapture(event.pointerId);
            last = point(event);
        });
        canvas.addEventListener('pointermove', function (event) {
            if (last) {
                var next = point(event);
                context.beginPath();
                context.moveTo(last.x, last.y);
                context.lineTo(next.x, next.y);
                context.stroke();
                last = next;
            }
        });
        function end() {
            if (last) {
                last = null;
                input.value = canvas.toDataURL('image/png');
            }
        }
        canvas.addEventListener('pointerup', end);
        canvas.addEventListener('pointercancel', end);
        var clear = document.querySelector('[data-signature-clear="' + canvas.dataset.signatureFor + '"]');
        if (clear) {
            clear.hidden = false;
            clear.addEventListener('click', function () {
                context.clearRect(0, 0, canvas.width, canvas.height);
                input.value = '';
            });
        }
    }
    function setUpIn(root) {
        (root.querySelectorAll ? root : document).querySelectorAll('canvas[data-signature-for]').forEach(setUp);
    }
    document.addEventListener('DOMContentLoaded', function () { setUpIn(document); });
    document.addEventListener('htmx:load', function (event) { setUpIn(event.target); });
})();
