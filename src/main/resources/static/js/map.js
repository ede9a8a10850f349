// The map of the day's visits (schedule/map.html). Reads the stops from the page's JSON (#map-data) and draws, per
// technician, numbered markers in visit order joined by a line, coloured by the technician's CSS class (map-tech-N).
// Markers are divIcons (no images, so no image paths); text goes in with textContent, never as HTML. Tiles are
// loaded only from the server the operator configured; without one the markers stand on a plain background.
(function () {
    'use strict';

    function escapeHtml(text) {
        var div = document.createElement('div');
        div.textContent = text;
        return div.innerHTML;
    }

    function numbered(stop, colour) {
        var label = document.createElement('span');
        label.textContent = String(stop.n);
        return L.divIcon({
            html: label,
            className: 'map-marker map-tech-' + colour,
            iconSize: [28, 28],
            iconAnchor: [14, 14]
        });
    }

    function draw() {
        var container = document.getElementById('map');
        var source = document.getElementById('map-data');
        if (!container || !source || typeof L === 'undefined') {
            return;
        }
        var data = JSON.parse(source.textContent);
        var map = L.map(container, { attributionControl: Boolean(data.tileUrl), zoomSnap: 0.25 });
        if (data.tileUrl) {
            // the attribution is the operator's text; Leaflet would read it as HTML, so it is escaped here
            L.tileLayer(data.tileUrl, {
                maxZoom: 19,
                attribution: data.attribution ? escapeHtml(data.attribution) : ''
            }).addTo(map);
        }
        var points = [];
        data.routes.forEach(function (route) {
            var line = [];
            route.stops.forEach(function (stop) {
                var at = [stop.lat, stop.lon];
                // a marker does nothing when tapped: the list of stops beside the map holds the links, so the
                // markers are pictures, not controls (no tab stop, no tap target that could sit on another's)
                L.marker(at, {
                    icon: numbered(stop, route.colour),
                    title: stop.label,
                    alt: stop.label,
                    interactive: false,
                    keyboard: false
                }).addTo(map);
                line.push(at);
                points.push(at);
            });
            if (route.line && line.length > 1) {
                L.polyline(line, { className: 'map-route map-tech-' + route.colour, weight: 3, interactive: false }).addTo(map);
            }
        });
        if (points.length === 1) {
            map.setView(points[0], 14);
        } else {
            map.fitBounds(L.latLngBounds(points), { padding: [30, 30] });
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', draw);
    } else {
        draw();
    }
})();
