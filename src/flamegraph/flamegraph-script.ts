// The browser side of the flame graph (plain ES5, run by the SVG itself or by the HTML page
// that inlines it): details line on hover, click to zoom on a frame (its callers stay as
// full-width, faded bars), Reset Zoom, search by regular expression (the Search button,
// Ctrl-F, or `?s=REGEX` in the URL) that colors matches and says what share they cover.
export const FLAMEGRAPH_SCRIPT = String.raw`
(function () {
  var svg = document.getElementById('flamegraph');
  var total = Number(svg.getAttribute('data-total'));
  var side = Number(svg.getAttribute('data-side'));
  var width = Number(svg.getAttribute('width')) - 2 * side;
  var details = document.getElementById('details');
  var matchedText = document.getElementById('matched');
  var resetButton = document.getElementById('reset');
  var searchButton = document.getElementById('search');
  var groups = document.getElementById('frames').getElementsByTagName('g');
  var frames = [];
  for (var i = 0; i < groups.length; i++) {
    var g = groups[i];
    frames.push({
      g: g, o: Number(g.getAttribute('data-o')), v: Number(g.getAttribute('data-v')), d: Number(g.getAttribute('data-d')),
      name: g.getAttribute('data-n'), rect: g.getElementsByTagName('rect')[0], text: g.getElementsByTagName('text')[0],
      title: g.getElementsByTagName('title')[0].textContent, fill: g.getElementsByTagName('rect')[0].getAttribute('fill')
    });
    g.setAttribute('data-i', String(i));
  }
  var eps = total * 1e-12;

  function fit(name, w) {
    var chars = Math.floor((w - 6) / 7);
    if (chars < 3) return '';
    return name.length <= chars ? name : name.slice(0, chars - 2) + '..';
  }
  function frameOf(node) {
    while (node && node !== svg) {
      if (node.getAttribute && node.getAttribute('data-i') !== null) return frames[Number(node.getAttribute('data-i'))];
      node = node.parentNode;
    }
    return null;
  }
  function draw(f, x, w) {
    f.rect.setAttribute('x', x.toFixed(2));
    f.rect.setAttribute('width', w.toFixed(2));
    f.text.setAttribute('x', (x + 3).toFixed(2));
    f.text.textContent = fit(f.name, w);
  }
  function zoom(z) {
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      var cls = '';
      if (f.d >= z.d && f.o >= z.o - eps && f.o + f.v <= z.o + z.v + eps) {
        draw(f, side + (f.o - z.o) / z.v * width, f.v / z.v * width);
      } else if (f.d < z.d && f.o <= z.o + eps && f.o + f.v >= z.o + z.v - eps) {
        draw(f, side, width);
        cls = 'parent';
      } else {
        cls = 'hidden';
      }
      f.g.setAttribute('class', cls);
    }
    resetButton.setAttribute('class', z.d === 0 ? 'button hidden' : 'button');
  }
  function search(pattern) {
    var re = null;
    if (pattern) {
      try { re = new RegExp(pattern); } catch (e) { matchedText.textContent = 'bad regular expression'; return; }
    }
    var spans = [];
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      var hit = re !== null && re.test(f.name);
      f.rect.setAttribute('fill', hit ? 'rgb(230,0,230)' : f.fill);
      if (hit) { f.g.setAttribute('data-match', '1'); spans.push([f.o, f.o + f.v]); } else f.g.removeAttribute('data-match');
    }
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var covered = 0, end = -Infinity;
    for (var j = 0; j < spans.length; j++) {
      var s = Math.max(spans[j][0], end);
      if (spans[j][1] > s) covered += spans[j][1] - s;
      end = Math.max(end, spans[j][1]);
    }
    matchedText.textContent = re === null ? '' : 'Matched: ' + (100 * covered / total).toFixed(2) + '%';
    searchButton.textContent = re === null ? 'Search' : 'Reset Search';
  }
  function askSearch() {
    if (searchButton.textContent !== 'Search') { search(null); return; }
    var p = window.prompt('Search for frames (regular expression):', '');
    if (p) search(p);
  }
  svg.addEventListener('mouseover', function (e) {
    var f = frameOf(e.target);
    details.textContent = f ? f.title : ' ';
  });
  svg.addEventListener('click', function (e) {
    var f = frameOf(e.target);
    if (f) zoom(f);
  });
  resetButton.addEventListener('click', function () { zoom(frames[0]); });
  searchButton.addEventListener('click', askSearch);
  window.addEventListener('keydown', function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 'f') { e.preventDefault(); askSearch(); }
    if (e.key === 'Escape') { search(null); zoom(frames[0]); }
  });
  // Shareable views: ?s=REGEX searches, ?z=N zooms on the N-th frame (frame 0 is all).
  var query = /[?&]s=([^&]*)/.exec(window.location.search);
  if (query) search(decodeURIComponent(query[1]));
  var zoomQuery = /[?&]z=(\d+)/.exec(window.location.search);
  if (zoomQuery && frames[Number(zoomQuery[1])]) zoom(frames[Number(zoomQuery[1])]);
  window.flamegraph = { search: search, zoom: function (i) { zoom(frames[i]); }, frames: frames.length };
})();
`
