// The page's own behaviour: draw the charts, sort and filter the claims table.
// Everything runs on what is in the page; nothing is fetched.
(function () {
  "use strict";

  // Charts: each has two specs, each in a <script type="application/json"> beside its
  // figure: the desktop's, drawn when the chart is at least data-fits pixels wide, and the
  // phone's, drawn otherwise. A resize that crosses the line draws the chart again.
  var charts = Array.prototype.map.call(document.querySelectorAll(".chart-view"), function (view) {
    function spec(attribute) {
      return JSON.parse(document.getElementById(view.getAttribute(attribute)).textContent);
    }
    return {
      view: view,
      specs: { wide: spec("data-spec"), narrow: spec("data-narrow-spec") },
      fits: Number(view.getAttribute("data-fits")),
      shown: null, // which spec is drawn, or being drawn
      drawing: 0, // how many times it was asked to draw: only the last answer counts
      result: null, // what vega-embed returned for the chart drawn
    };
  });

  function draw(chart) {
    var which = chart.view.clientWidth >= chart.fits ? "wide" : "narrow";
    if (which === chart.shown) {
      return;
    }
    chart.shown = which;
    if (typeof window.vegaEmbed !== "function") {
      fail(chart.view, "the Vega libraries (vega.js) did not load");
      return;
    }
    var drawing = ++chart.drawing;
    if (chart.result) {
      chart.result.finalize();
      chart.result = null;
    }
    chart.view.removeAttribute("data-rendered");
    // defaultStyle: false leaves the chart a block as wide as the page (site.css).
    var options = { renderer: "svg", actions: false, defaultStyle: false };
    window.vegaEmbed(chart.view, chart.specs[which], options).then(
      function (result) {
        if (drawing !== chart.drawing) {
          result.finalize();
          return;
        }
        chart.result = result;
        chart.view.setAttribute("data-drawn", which);
        chart.view.setAttribute("data-rendered", "true");
      },
      function (error) {
        if (drawing === chart.drawing) {
          fail(chart.view, String(error));
        }
      }
    );
  }

  function drawCharts() {
    charts.forEach(draw);
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(drawCharts, 150);
  });

  function fail(view, why) {
    view.setAttribute("data-rendered", "failed");
    view.textContent = "";
    var message = document.createElement("p");
    message.className = "chart-error";
    message.textContent = "The chart could not be drawn (" + why + "); its SVG and PNG are linked below.";
    view.appendChild(message);
  }

  // The claims table.
  var table = document.getElementById("claims-table");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function sortKey(row, column) {
    var cell = row.cells[column];
    var key = cell.getAttribute("data-sort");
    return key === null ? cell.textContent.trim() : key;
  }

  function compare(a, b, numeric) {
    if (numeric && isFinite(a) && isFinite(b)) {
      return Number(a) - Number(b);
    }
    return a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });
  }

  function sortBy(column) {
    var header = headers[column];
    var descending = header.getAttribute("aria-sort") === "ascending";
    var numeric = header.getAttribute("data-type") === "number";
    headers.forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var order = rows.map(function (row, index) {
      return { row: row, key: sortKey(row, column), index: index };
    });
    order.sort(function (a, b) {
      // Empty keys (no date, no number) go last whichever way the column is sorted.
      var blank = (a.key === "") - (b.key === "");
      if (blank) {
        return blank;
      }
      var result = compare(a.key, b.key, numeric);
      return (descending ? -result : result) || a.index - b.index;
    });
    order.forEach(function (item) {
      body.appendChild(item.row);
    });
  }

  headers.forEach(function (header, column) {
    var button = header.querySelector("button");
    if (button) {
      button.addEventListener("click", function () {
        sortBy(column);
      });
    }
  });

  var text = document.getElementById("filter-text");
  var topic = document.getElementById("filter-topic");
  var status = document.getElementById("filter-status");
  var count = document.getElementById("claim-count");

  function filter() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var haystack = row.textContent.toLowerCase();
      var match =
        (!topic.value || row.getAttribute("data-topic") === topic.value) &&
        (!status.value || row.getAttribute("data-status") === status.value) &&
        words.every(function (word) {
          return haystack.indexOf(word) !== -1;
        });
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    count.textContent =
      shown === rows.length ? rows.length + " claims." : "Showing " + shown + " of " + rows.length + " claims.";
  }

  text.addEventListener("input", filter);
  topic.addEventListener("change", filter);
  status.addEventListener("change", filter);
  document.getElementById("claim-filters").addEventListener("submit", function (event) {
    event.preventDefault();
  });

  // A link to a claim the filters hide (from a chart's table of figures) clears them.
  function showTarget() {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && target.hidden && rows.indexOf(target) !== -1) {
      text.value = topic.value = status.value = "";
      filter();
      target.scrollIntoView();
    }
  }

  window.addEventListener("hashchange", showTarget);

  // Embed codes: the file's addresses start ./ for the charts' folder; here they are given
  // the site's own address of that folder, so that the code works pasted anywhere.
  Array.prototype.forEach.call(document.querySelectorAll(".embed-code"), function (code) {
    var folder = new URL(code.getAttribute("data-charts"), window.location.href).href;
    code.value = code.value
      .replace(/^<!--[^\n]*-->\n/, "<!-- claimtrack chart, from " + folder + " -->\n")
      .replace(/(src|srcset|href)="\.\//g, function (match, attribute) {
        return attribute + '="' + folder;
      });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".copy-embed"), function (button) {
    var code = document.getElementById(button.getAttribute("data-for"));
    button.hidden = !(navigator.clipboard && window.isSecureContext);
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.value).then(function () {
        button.textContent = "Copied";
      });
    });
  });

  drawCharts();
})();
