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
