// Progressive enhancement only: the ballot paper's running total follows the voter's choices
// as they make them. Without this file, "Update my total" asks the server for the same total.
(function () {
  "use strict";
  var form = document.querySelector("[data-vote-form]");
  if (!form) {
    return;
  }
  var costs = JSON.parse(form.getAttribute("data-costs") || "{}");
  var kind = form.getAttribute("data-kind");
  var budget = parseInt(form.getAttribute("data-budget"), 10) || 0;

  // As the server writes money: £3,000 or £3,000.50.
  function money(pence) {
    var pounds = Math.floor(pence / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var rest = pence % 100;
    return "£" + pounds + (rest ? "." + (rest < 10 ? "0" : "") + rest : "");
  }

  function chosen() {
    var numbers = [];
    var points = 0;
    if (kind === "points") {
      form.querySelectorAll("input[name^='points_']").forEach(function (input) {
        var given = parseInt(input.value, 10);
        if (given > 0) {
          numbers.push(input.name.slice("points_".length));
          points += given;
        }
      });
    } else if (kind === "rank") {
      form.querySelectorAll("select[name^='rank_']").forEach(function (select) {
        if (select.value && numbers.indexOf(select.value) < 0) {
          numbers.push(select.value);
        }
      });
    } else {
      form.querySelectorAll("input[type=checkbox]:checked, input[type=radio]:checked")
        .forEach(function (input) {
          numbers.push(input.value);
        });
    }
    return { numbers: numbers, points: points };
  }

  function show(name, text) {
    form.querySelectorAll("[data-vote-" + name + "]").forEach(function (element) {
      element.textContent = text;
    });
  }

  function update() {
    var now = chosen();
    var cost = 0;
    now.numbers.forEach(function (number) {
      cost += costs[number] || 0;
    });
    show("count", String(now.numbers.length));
    show("cost", money(cost));
    show("points-used", String(now.points));
    var left = form.querySelector("[data-vote-left]");
    if (left) {
      left.textContent = cost <= budget
        ? money(budget - cost)
        : left.getAttribute("data-over").replace("{amount}", money(cost - budget));
    }
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
})();
