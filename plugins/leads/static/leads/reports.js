// Draws the sales funnel charts from the JSON the page embeds (no inline script needed).
(function () {
  "use strict";
  var source = document.getElementById("funnel-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#0d6efd", "#6610f2", "#20c997", "#fd7e14", "#198754", "#dc3545",
                 "#0dcaf0", "#6f42c1", "#ffc107", "#adb5bd"];
  var common = {responsive: true, maintainAspectRatio: false, animation: false};

  new Chart(document.getElementById("chart-funnel"), {
    type: "bar",
    data: {labels: data.steps, datasets: [{label: data.labels.reached, data: data.reached,
                                           backgroundColor: palette[0]}]},
    options: Object.assign({indexAxis: "y", plugins: {legend: {display: false}}}, common)
  });

  new Chart(document.getElementById("chart-months"), {
    type: "bar",
    data: {labels: data.months, datasets: data.by_month.map(function (row, i) {
      return {label: row.stage, data: row.counts, backgroundColor: palette[i % palette.length]};
    })},
    options: Object.assign({scales: {x: {stacked: true}, y: {stacked: true,
                                                            ticks: {precision: 0}}}}, common)
  });

  var lost = document.getElementById("chart-lost");
  if (lost) {
    new Chart(lost, {
      type: "doughnut",
      data: {labels: data.lost_why.map(function (r) { return r.label; }),
             datasets: [{label: data.labels.lost, data: data.lost_why.map(function (r) { return r.count; }),
                         backgroundColor: palette}]},
      options: common
    });
  }
})();
