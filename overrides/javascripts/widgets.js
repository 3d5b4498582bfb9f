// The widgets: three snippets recomputed in the browser for the reader's settings, printing what the
// snippet would print, character for character.
//   learning-rate   02-learning-rate/gradient_descent_tf2.py
//   lr-decay        03-lr-decay/decay_tf2.py
//   optimizer-path  07-optimizers/optimizer_path.py
// hooks/widgets.py writes each widget's form (defaults read from the snippet); this file computes the
// table (<pre data-output>) and draws the chart. tests/test_widgets.py compares the tables with the
// committed outputs, with NumPy (tests/widget_reference.py) and with TensorFlow for held-out settings.

(() => {
// --- float32 as TensorFlow computes it on a CPU --------------------------------------------------------
// A JavaScript number is a double. For + - * / and sqrt, the double result of two float32 values rounded
// once more to float32 (Math.fround) is exactly the float32 result. TensorFlow's CPU kernels also flush
// subnormal numbers to zero, both results and inputs: f32 does that too.
const FLT_MIN = 2 ** -126; // the smallest normal float32

function f32(x) {
  const r = Math.fround(x);
  return r !== 0 && Math.abs(r) < FLT_MIN ? (r < 0 ? -0 : 0) : r;
}
// one operation each; a Python number in an operation is converted to float32 first, as TensorFlow does
const add = (a, b) => f32(f32(a) + f32(b));
const sub = (a, b) => f32(f32(a) - f32(b));
const mul = (a, b) => f32(f32(a) * f32(b));
const div = (a, b) => f32(f32(a) / f32(b));
const sqrt = (a) => f32(Math.sqrt(f32(a)));
const square = (a) => mul(a, a);
const squareGrad = (upstream, x) => mul(upstream, mul(x, 2)); // TensorFlow's gradient of tf.square(x)

// --- Python's arithmetic and printing -----------------------------------------------------------------
class PythonError extends Error {} // the snippet would stop here; the message is Python's last line

// Python's "%f": the exact binary value rounded to 6 decimals, ties to even (toFixed rounds them up).
function percentF(x) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const a = Math.abs(x);
  const tie = Number.isInteger(a * 128) && (a * 128) % 2 === 1; // a * 10^6 ends in exactly .5
  if (a < 1e21 && !tie) return sign + a.toFixed(6);
  return sign + exactFixed(a);
}

const BITS = new DataView(new ArrayBuffer(8)); // the bits of one double

// |x| = mantissa * 2^exponent exactly (mantissa a BigInt below 2^53)
function doubleParts(x) {
  BITS.setFloat64(0, Math.abs(x));
  const bits = BITS.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  return [biased ? fraction | (1n << 52n) : fraction, (biased || 1) - 1075];
}

function exactFixed(a) {
  // round a * 10^6 to an integer, ties to even, exactly (BigInt)
  const [mantissa, exponent] = doubleParts(a);
  let scaled;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * 1000000n;
  } else {
    const numerator = mantissa * 1000000n;
    const denominator = 1n << BigInt(-exponent);
    scaled = numerator / denominator;
    const twice = 2n * (numerator % denominator);
    if (twice > denominator || (twice === denominator && scaled % 2n === 1n)) scaled += 1n;
  }
  const digits = scaled.toString().padStart(7, "0");
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

// Python's float ** float. Python raises where the result overflows; JavaScript would give Infinity.
function pyPow(base, exponent) {
  const value = Math.pow(base, exponent);
  if (!Number.isFinite(value) && Number.isFinite(base) && Number.isFinite(exponent)) {
    throw new PythonError("OverflowError: (34, 'Numerical result out of range')");
  }
  return value;
}

// CPython's floor division of two floats (`epoch // LR_STEP`), which is not always Math.floor(x / y)
function pyFloorDiv(x, y) {
  const mod = x % y; // C's fmod
  let quotient = (x - mod) / y;
  if (mod && y < 0 !== mod < 0) quotient -= 1;
  if (!quotient) return 0;
  let floor = Math.floor(quotient);
  if (quotient - floor > 0.5) floor += 1;
  return floor;
}

// A value as odd * 2^power (BigInt, Number), for an exact comparison of powers.
function oddTimesPowerOfTwo(x) {
  let [odd, power] = doubleParts(x);
  while (odd && !(odd & 1n)) {
    odd >>= 1n;
    power += 1;
  }
  return [odd, power];
}

// Is base ** exponent exactly the double `value`? Then both libraries return it (their error is below one
// unit in the last place), and its last bit is certain. Checked for 0, 1 and whole exponents.
function powIsExact(base, exponent, value) {
  if (base === 0 || base === 1) return true;
  if (!Number.isInteger(exponent) || exponent < 0 || !Number.isFinite(value) || value === 0) return false;
  const [odd, power] = oddTimesPowerOfTwo(base), [valueOdd, valuePower] = oddTimesPowerOfTwo(value);
  if ((odd.toString(2).length - 1) * exponent > 53) return false; // odd ** exponent needs more bits than a double has
  return odd ** BigInt(exponent) === valueOdd && power * exponent === valuePower;
}

// Math.pow and the C library behind Python's ** may differ in the last bit of a double. Where that bit
// would change what the snippet uses or prints (`use` of the value), the page cannot promise TensorFlow's
// digits: the widget says so instead of printing a table that may be off.
function neighbour(x, direction) {
  if (x === 0) return direction * Number.MIN_VALUE;
  BITS.setFloat64(0, x);
  let high = BITS.getUint32(0), low = BITS.getUint32(4);
  if (x > 0 === direction > 0) {
    low = (low + 1) >>> 0;
    if (low === 0) high += 1;
  } else {
    if (low === 0) high -= 1;
    low = (low - 1) >>> 0;
  }
  BITS.setUint32(0, high);
  BITS.setUint32(4, low);
  return BITS.getFloat64(0);
}

function lastBitMatters(value, use) {
  if (!Number.isFinite(value)) return false;
  const here = use(value);
  return use(neighbour(value, -1)) !== here || use(neighbour(value, 1)) !== here;
}
class Unsure extends Error {} // raised with the place where lastBitMatters

// Python's base ** exponent where `use` of it must come out as in Python; `at` names the step or epoch
function certainPow(base, exponent, use, at) {
  const value = pyPow(base, exponent);
  if (lastBitMatters(value, use) && !powIsExact(base, exponent, value)) throw new Unsure(at);
  return value;
}

const keyOf = (x) => `${percentF(x)} ${Object.is(f32(x), -0) ? "-0" : f32(x)}`; // what a float32 op and %f see

// --- the three snippets ----------------------------------------------------------------------------------
// Each returns { lines, series, error }: the printed lines, the values to draw, and why it stopped early
// (a PythonError or Unsure; undefined when it ran to the end).

// one step of both 1-D snippets on loss = (w + 1)^2: w - lr * 2 * (w + 1), as the tape computes it
const gradientStep = (w, lr) => sub(w, mul(lr, squareGrad(1, add(w, 1))));

function learningRate({ lr, w0, steps }) {
  let w = Math.fround(w0); // tf.constant(W0, dtype=tf.float32)
  const lines = [], ws = [], losses = [];
  for (let step = 0; step < steps; step++) {
    const loss = square(add(w, 1));
    w = gradientStep(w, lr);
    lines.push(`After ${step} steps: w is ${percentF(w)}, loss is ${percentF(loss)}`);
    ws.push(w);
    losses.push(loss);
  }
  return { lines, series: { w: ws, loss: losses } };
}

function lrDecay({ lr_base, lr_decay, lr_step, staircase, epochs, w0 }) {
  let w = Math.fround(w0);
  const lines = [], ws = [], losses = [], lrs = [];
  let error;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const exponent = staircase ? pyFloorDiv(epoch, lr_step) : epoch / lr_step;
      const lr = lr_base * certainPow(lr_decay, exponent, (p) => keyOf(lr_base * p), epoch); // a Python float
      const loss = square(add(w, 1));
      w = gradientStep(w, lr);
      lines.push(`After ${epoch} epoch,w is ${percentF(w)},loss is ${percentF(loss)},lr is ${percentF(lr)}`);
      ws.push(w);
      losses.push(loss);
      lrs.push(lr);
    }
  } catch (stop) {
    error = stop;
  }
  return { lines, series: { w: ws, loss: losses, lr: lrs }, error };
}

const A1 = 0.02, A2 = 2.0; // f = A1 * x1^2 + A2 * x2^2
const START = [-9.0, 1.5];
const valley = (x) => add(mul(A1, square(x[0])), mul(A2, square(x[1])));

// optimizers.py's update functions, on one component i of the vectors (every operation is element-wise);
// bias: Adam's bias corrections for this step
const UPDATES = {
  sgd: (g, s, i, bias, p) => mul(p.lr, g),
  sgdm: (g, s, i, bias, p) => {
    s.m[i] = add(mul(p.beta, s.m[i]), mul(1 - p.beta, g));
    return mul(p.lr, s.m[i]);
  },
  nesterov: (g, s, i, bias, p) => {
    s.m[i] = add(mul(p.beta, s.m[i]), mul(1 - p.beta, g));
    return mul(p.lr, add(mul(p.beta, s.m[i]), mul(1 - p.beta, g)));
  },
  adagrad: (g, s, i, bias, p) => {
    s.V[i] = add(s.V[i], square(g));
    return div(mul(p.lr, g), add(sqrt(s.V[i]), p.eps));
  },
  rmsprop: (g, s, i, bias, p) => {
    s.V[i] = add(mul(p.beta, s.V[i]), mul(1 - p.beta, square(g)));
    return div(mul(p.lr, g), add(sqrt(s.V[i]), p.eps));
  },
  adadelta: (g, s, i, bias, p) => {
    s.V[i] = add(mul(p.rho, s.V[i]), mul(1 - p.rho, square(g)));
    const step = mul(div(sqrt(add(s.U[i], p.eps)), sqrt(add(s.V[i], p.eps))), g);
    s.U[i] = add(mul(p.rho, s.U[i]), mul(1 - p.rho, square(step)));
    return mul(p.lr, step);
  },
  adam: (g, s, i, bias, p) => {
    s.m[i] = add(mul(p.beta1, s.m[i]), mul(1 - p.beta1, g));
    s.V[i] = add(mul(p.beta2, s.V[i]), mul(1 - p.beta2, square(g)));
    const mHat = div(s.m[i], bias[0]);
    const vHat = div(s.V[i], bias[1]);
    return div(mul(p.lr, mHat), add(sqrt(vHat), p.eps));
  },
};

// Adam's 1 - BETA1 ** t and 1 - BETA2 ** t, t a Python int: doubles, converted to float32 by the division
function adamBias(p, t) {
  const use = (q) => f32(1 - q);
  return [1 - certainPow(p.beta1, t, use, t), 1 - certainPow(p.beta2, t, use, t)];
}

function optimizerPath(p) {
  const update = UPDATES[p.optimizer];
  let x = START.map(Math.fround); // tf.Variable([-9.0, 1.5])
  const s = { m: [0, 0], V: [0, 0], U: [0, 0] };
  const line = (x) => `x1 is ${percentF(x[0])}, x2 is ${percentF(x[1])}, f is ${percentF(valley(x))}`;
  const lines = [`Start: ${line(x)}`], path = [x];
  let error;
  try {
    for (let t = 1; t <= p.steps; t++) {
      // the gradients of the slices x[0] and x[1], added into one vector (d + 0: -0 becomes 0)
      const g = [add(squareGrad(A1, x[0]), 0), add(0, squareGrad(A2, x[1]))];
      const bias = p.optimizer === "adam" ? adamBias(p, t) : null;
      x = [0, 1].map((i) => sub(x[i], update(g[i], s, i, bias, p)));
      lines.push(`After ${t} steps: ${line(x)}`);
      path.push(x);
    }
  } catch (stop) {
    error = stop;
  }
  return { lines, series: { path }, error };
}

const MODELS = { "learning-rate": learningRate, "lr-decay": lrDecay, "optimizer-path": optimizerPath };

// --- the page ----------------------------------------------------------------------------------------
const WIDGET_TEXT = {
  en: {
    number: (name) => `${name} must be a number.`,
    whole: (name) => `${name} must be a whole number.`,
    range: (name, low, high) => `${name} must be from ${low} to ${high}` +
      (name === "STEPS" || name === "EPOCHS" ? " (the widget's cap on the work per change)." : "."),
    shown: "The table shows the last settings that were accepted.",
    python: (line) => `The snippet stops here: Python raises ${line}`,
    unsure: (at) => `From ${at}, the table would depend on the last bit of Python's ** (the C library's pow), ` +
      "which JavaScript cannot promise to reproduce: the widget stops rather than print digits that may differ.",
    stuck: "With EPS = 0, AdaDelta never moves: U starts at 0, so every step is √0 / √V × g = 0.",
    epoch: (n) => `epoch ${n}`, step: (n) => `step ${n}`,
    notDrawn: "not drawn (inf or nan)",
    axis: { step: "step", epoch: "epoch", w: "w after the step", loss: "loss (log scale)", lr: "lr",
            path: "path over the contour lines of f", x1: "x₁", x2: "x₂" },
  },
  zh: {
    number: (name) => `${name} 必须是一个数。`,
    whole: (name) => `${name} 必须是整数。`,
    range: (name, low, high) => `${name} 的取值范围是 ${low} 到 ${high}` +
      (name === "STEPS" || name === "EPOCHS" ? "（这是小工具每次计算量的上限）。" : "。"),
    shown: "下表仍是上一组有效参数的结果。",
    python: (line) => `代码运行到这里就停止了：Python 抛出 ${line}`,
    unsure: (at) => `从${at}起，结果取决于 Python 的 **（C 库的 pow）算出的最后一位，` +
      "JavaScript 无法保证与之相同：小工具就此停下，不打印可能有出入的数字。",
    stuck: "EPS = 0 时 AdaDelta 一步也不会动：U 从 0 开始，每一步都是 √0 / √V × g = 0。",
    epoch: (n) => `第 ${n} 轮`, step: (n) => `第 ${n} 步`,
    notDrawn: "未画出（inf 或 nan）",
    axis: { step: "步", epoch: "轮", w: "更新后的 w", loss: "loss（对数坐标）", lr: "lr",
            path: "在 f 的等高线上走出的路径", x1: "x₁", x2: "x₂" },
  },
};

function readSettings(widget, text) {
  const values = {}, problems = [];
  for (const field of widget.querySelectorAll("[name]")) {
    const label = field.name.toUpperCase();
    field.removeAttribute("aria-invalid");
    if (field.type === "checkbox") {
      values[field.name] = field.checked;
    } else if (field.tagName === "SELECT") {
      values[field.name] = field.value;
    } else {
      const raw = field.value.trim();
      const value = Number(raw);
      const low = Number(field.min), high = Number(field.max);
      let problem = null;
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) || !Number.isFinite(value)) problem = text.number(label);
      else if (field.hasAttribute("data-integer") && !Number.isInteger(value)) problem = text.whole(label);
      else if (value < low || value > high) problem = text.range(label, field.min, field.max);
      if (problem) {
        problems.push(problem);
        field.setAttribute("aria-invalid", "true");
      }
      values[field.name] = value;
    }
  }
  return { values, problems };
}

function compute(widget) {
  const lang = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
  const text = WIDGET_TEXT[lang];
  const message = widget.querySelector("[data-message]");
  const output = widget.querySelector("[data-output]");
  // a change event follows the input event of the same edit: compute each set of typed settings once
  const fields = [...widget.querySelectorAll("[name]")];
  const typed = JSON.stringify(fields.map((f) => (f.type === "checkbox" ? f.checked : f.value)));
  if (typed === widget.computedFor) return;
  widget.computedFor = typed;
  const { values, problems } = readSettings(widget, text);
  if (problems.length) {
    message.textContent = `${problems.join(" ")} ${text.shown}`;
    widget.setAttribute("data-state", "refused");
    return;
  }
  const result = MODELS[widget.dataset.widget](values);
  let notes = "", printed = result.lines;
  if (result.error instanceof PythonError) {
    printed = [...printed, result.error.message];
    notes = text.python(result.error.message);
  } else if (result.error instanceof Unsure) {
    const where = widget.dataset.widget === "lr-decay" ? text.epoch : text.step;
    notes = text.unsure(where(result.error.message));
  } else if (result.error) {
    throw result.error;
  } else if (values.optimizer === "adadelta" && values.eps === 0) {
    notes = text.stuck;
  }
  output.textContent = printed.length ? `${printed.join("\n")}\n` : "";
  message.textContent = notes;
  widget.setAttribute("data-state", !result.error ? "done" : result.error instanceof Unsure ? "unsure" : "stopped");
  drawChart(widget, result.series, text);
}

// --- charts: plain SVG -----------------------------------------------------------------------------------
const SVG = "http://www.w3.org/2000/svg";

function element(name, attributes = {}, content = "") {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (content) node.textContent = content;
  return node;
}

// Tick values and labels from low to high; on a logarithmic axis low and high are powers of ten.
function ticks(low, high, log) {
  if (log) {
    const first = Math.ceil(low), last = Math.floor(high);
    const every = Math.max(1, Math.ceil((last - first + 1) / 5));
    const found = [];
    for (let e = first; e <= last; e += every) found.push(e);
    return found.map((e) => [e, e === 0 ? "1" : `1e${e}`]);
  }
  const span = high - low;
  const raw = span / 4, magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const found = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) found.push(v);
  return found.map((v) => [v, Number(v.toPrecision(6)).toString()]);
}

// A chart's box: an <svg> with its title, and the axes group its frame and notes go into.
function chartBox({ W, H, left, right, top, bottom }, title, wide) {
  const svg = element("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title,
                               class: wide ? "nn-widget__panel nn-widget__panel--wide" : "nn-widget__panel" });
  svg.append(element("text", { x: left, y: 14, class: "nn-widget__title" }, title));
  const axes = element("g", { class: "nn-widget__axes" });
  const finish = (missing, text) => { // the frame on top of what was drawn, and how many points were left out
    axes.append(element("rect", { x: left, y: top, width: W - left - right, height: H - top - bottom,
                                  class: "nn-widget__frame" }));
    svg.append(axes);
    if (missing) svg.append(element("text", { x: W - right, y: 14, "text-anchor": "end", class: "nn-widget__note" },
                                    `${missing} ${text.notDrawn}`));
    return svg;
  };
  return { svg, axes, finish };
}

// One small panel: a series against its index (a step or an epoch, from 0), linear or logarithmic.
function panel({ title, values, log, xLabel }, text) {
  const size = { W: 320, H: 190, left: 48, right: 10, top: 22, bottom: 34 };
  const { W, H, left, right, top, bottom } = size;
  const { svg, axes, finish } = chartBox(size, title, false);
  const points = values.map((v, i) => [i, log ? (v > 0 && Number.isFinite(v) ? Math.log10(v) : NaN) : v])
    .filter(([, v]) => Number.isFinite(v));
  if (!points.length) {
    svg.append(element("text", { x: left, y: H / 2 }, text.notDrawn));
    return finish(0, text);
  }
  let low = Math.min(...points.map((p) => p[1])), high = Math.max(...points.map((p) => p[1]));
  if (high - low < 1e-12 * Math.max(1, Math.abs(high))) {
    low -= log ? 1 : Math.max(1, Math.abs(low)) * 0.1;
    high += log ? 1 : Math.max(1, Math.abs(high)) * 0.1;
  }
  const last = Math.max(values.length - 1, 1);
  const X = (n) => left + (n / last) * (W - left - right);
  const Y = (v) => top + (1 - (v - low) / (high - low)) * (H - top - bottom);
  for (const [v, label] of ticks(low, high, log)) {
    const y = Y(v);
    axes.append(element("line", { x1: left, x2: W - right, y1: y, y2: y, class: "nn-widget__grid" }));
    axes.append(element("text", { x: left - 4, y: y + 3.5, "text-anchor": "end" }, label));
  }
  for (const [n, label] of ticks(0, last, false).filter(([n]) => Number.isInteger(n))) {
    axes.append(element("text", { x: X(n), y: H - bottom + 14, "text-anchor": "middle" }, label));
  }
  axes.append(element("text", { x: (left + W - right) / 2, y: H - 4, "text-anchor": "middle" }, xLabel));
  svg.append(element("polyline", { points: points.map(([n, v]) => `${X(n).toFixed(1)},${Y(v).toFixed(1)}`).join(" "),
                                    class: "nn-widget__line" }));
  return finish(values.length - points.length, text);
}

// The plane of optimizer_path.py: the contour lines of f (ellipses), the start, the minimum and the path.
function plane(path, text, narrow) {
  // on a phone, fewer units across: the same drawing with text large enough to read
  const size = { W: narrow ? 360 : 660, H: narrow ? 220 : 260, left: 36, right: 10, top: 22, bottom: 34 };
  const { W, H, left, right, top, bottom } = size;
  const { svg, axes, finish } = chartBox(size, text.axis.path, true);
  const x1s = [-10.5, 3], x2s = [-2.2, 2.2];
  const X = (v) => left + ((v - x1s[0]) / (x1s[1] - x1s[0])) * (W - left - right);
  const Y = (v) => top + (1 - (v - x2s[0]) / (x2s[1] - x2s[0])) * (H - top - bottom);
  const clip = element("clipPath", { id: `clip-${Math.random().toString(36).slice(2)}` });
  clip.append(element("rect", { x: left, y: top, width: W - left - right, height: H - top - bottom }));
  svg.append(clip);
  const inside = element("g", { "clip-path": `url(#${clip.id})` });
  for (const level of [0.05, 0.2, 0.5, 1, 2, 4, 8]) { // the levels of trajectories.svg
    const rx = Math.sqrt(level / A1), ry = Math.sqrt(level / A2);
    inside.append(element("ellipse", { cx: X(0), cy: Y(0), rx: X(rx) - X(0), ry: Y(0) - Y(ry), class: "nn-widget__contour" }));
  }
  const finite = path.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  const clamp = (v) => Math.max(-1e4, Math.min(1e4, v)); // far outside the frame: a straight line to the edge
  inside.append(element("polyline", { points: finite.map((p) => `${clamp(X(p[0])).toFixed(1)},${clamp(Y(p[1])).toFixed(1)}`).join(" "),
                                      class: "nn-widget__line" }));
  for (const p of finite.slice(0, 41)) {
    inside.append(element("circle", { cx: X(p[0]).toFixed(1), cy: Y(p[1]).toFixed(1), r: 2, class: "nn-widget__dot" }));
  }
  inside.append(element("rect", { x: X(START[0]) - 4, y: Y(START[1]) - 4, width: 8, height: 8, class: "nn-widget__mark" }));
  inside.append(element("path", { d: `M${X(0) - 5},${Y(0)}h10M${X(0)},${Y(0) - 5}v10`, class: "nn-widget__minimum" }));
  svg.append(inside);
  for (const v of narrow ? [-10, -6, -2, 2] : [-10, -8, -6, -4, -2, 0, 2]) axes.append(element("text", { x: X(v), y: H - bottom + 14, "text-anchor": "middle" }, String(v)));
  for (const v of [-2, -1, 0, 1, 2]) axes.append(element("text", { x: left - 4, y: Y(v) + 3.5, "text-anchor": "end" }, String(v)));
  axes.append(element("text", { x: (left + W - right) / 2, y: H - 4, "text-anchor": "middle" }, text.axis.x1));
  axes.append(element("text", { x: 10, y: (top + H - bottom) / 2, "text-anchor": "middle" }, text.axis.x2));
  return finish(path.length - finite.length, text);
}

function drawChart(widget, series, text) {
  const chart = widget.querySelector("[data-chart]");
  const byEpoch = widget.dataset.widget === "lr-decay";
  const xLabel = byEpoch ? text.axis.epoch : text.axis.step;
  const panels = series.path ? [plane(series.path, text, chart.clientWidth < 500)] : [
    panel({ title: text.axis.w, values: series.w, log: false, xLabel }, text),
    panel({ title: text.axis.loss, values: series.loss, log: true, xLabel }, text),
    ...(series.lr ? [panel({ title: text.axis.lr, values: series.lr, log: false, xLabel }, text)] : []),
  ];
  chart.replaceChildren(...panels);
}

// --- wiring ------------------------------------------------------------------------------------------------
function setUp(widget) {
  if (widget.hasAttribute("data-ready")) return;
  widget.setAttribute("data-ready", "");
  const form = widget.querySelector("form");
  const recompute = () => compute(widget);
  form.addEventListener("input", (event) => {
    const slider = event.target.dataset.sliderFor;
    if (slider) form.elements[slider].value = event.target.value; // the slider sets the number field
    else if (event.target.name) {
      const mirror = form.querySelector(`[data-slider-for="${event.target.name}"]`);
      if (mirror) mirror.value = event.target.value;
    }
    recompute();
  });
  form.addEventListener("change", recompute);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(recompute)); // after the form has restored its defaults
  recompute();
}

// site.js loads this file when the first page with a widget is shown; later pages arrive through
// Material's instant navigation (document$)
const setUpAll = () => document.querySelectorAll("[data-widget]").forEach(setUp);
setUpAll();
document$.subscribe(setUpAll);

// for tests/test_widgets.py: the Python emulation, checked against Python itself
window.nnWidgets = { percentF, pyFloorDiv, lastBitMatters };
})();
