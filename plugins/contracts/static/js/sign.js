// The signing page: signature_pad on the canvas; the drawing goes with the form as a PNG.
(function () {
  "use strict";
  var canvas = document.getElementById("signature-pad");
  var form = document.getElementById("sign-form");
  if (!canvas || !form || typeof SignaturePad === "undefined") { return; }
  var pad = new SignaturePad(canvas, { backgroundColor: "rgba(255,255,255,0)" });
  function fit() {
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    var data = pad.toData();
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    pad.fromData(data);
  }
  window.addEventListener("resize", fit);
  fit();
  document.getElementById("signature-clear").addEventListener("click", function () { pad.clear(); });
  form.addEventListener("submit", function () {
    document.getElementById("signature-data").value = pad.isEmpty() ? "" : pad.toDataURL("image/png");
  });
})();
