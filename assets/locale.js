// Functions that Dash components call by name (a dcc.Slider's tooltip "transform", ui.lang.SLIDER_TRANSFORMS):
// a number written in the page's language. Azerbaijani writes a decimal comma: 0,85.
window.dccFunctions = window.dccFunctions || {};
window.dccFunctions.decimalComma = function (value) {
    return typeof value === "number" ? String(value).replace(".", ",") : value;
};
