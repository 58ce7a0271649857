// emscripten.cpp — the Embind binding: JavaScript values in, the core's results out.
//
// The only file that knows about the web. web/js/attention.js packs each nested array into
// { present, isArray, rows, cells, rowLengths: Int32Array, values: Float64Array,
// kinds: Uint8Array } (the arrays only within the size limits; see attn::LooseMatrix),
// calls one of the functions below, and turns the returned { rows, cols, data: Float32Array }
// matrices back into nested arrays.
//
// Nothing here throws: a JS exception crossing wasm frames would skip C++ destructors and
// leak. A failed call returns { error: "message" } and attention.js throws the Error.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "attention.hpp"
#include "loose_input.hpp"
#include "multi_head.hpp"
#include "positional_encoding.hpp"  // issue 11: positional encoding (see the block below)
#include "self_attention_output.hpp"
#include "streaming_attention.hpp"
#include "validate.hpp"
#include "version.hpp"
#include "why_scale.hpp"

using emscripten::val;

namespace {

// Copies a packed argument into a LooseMatrix, unless its size alone is over the limits.
attn::Status loose_matrix(attn::LooseMatrix& m, const val& packed, const std::string& name) {
    m.present = packed["present"].as<bool>();
    m.is_array = packed["isArray"].as<bool>();
    if (!m.present || !m.is_array) return {};
    const auto rows = packed["rows"].as<std::size_t>();
    const auto cells = packed["cells"].as<std::size_t>();
    if (attn::Status s = attn::check_loose_extent(rows, cells, name); !s) return s;
    m.row_lengths = emscripten::convertJSArrayToNumberVector<std::int32_t>(packed["rowLengths"]);
    m.values = emscripten::convertJSArrayToNumberVector<double>(packed["values"]);
    m.kinds = emscripten::convertJSArrayToNumberVector<std::uint8_t>(packed["kinds"]);
    return {};
}

// Converts a packed argument to a Matrix, or says what is wrong with it.
attn::Status read_matrix(attn::Matrix& out, const val& packed, const std::string& name) {
    attn::LooseMatrix loose;
    if (attn::Status s = loose_matrix(loose, packed, name); !s) return s;
    return attn::matrix_from_loose(out, loose, name);
}

attn::LooseNumber loose_number(const val& packed) {
    return {attn::CellKind(packed["kind"].as<int>()), packed["value"].as<double>()};
}

// { rows, cols, data: Float32Array } holding a copy of m (the caller owns it).
val to_js(const attn::Matrix& m) {
    val out = val::object();
    out.set("rows", attn::rows(m));
    out.set("cols", attn::cols(m));
    out.set("data", val::global("Float32Array").new_(emscripten::typed_memory_view(m.size(), m.data())));
    return out;
}

// [x0, x1, …] as a Float32Array copy
val to_js(const std::vector<float>& v) {
    return val::global("Float32Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

// Sets every field of one attention trace on out.
void set_trace(val& out, const attn::AttentionTrace& trace) {
    out.set("scale", trace.scale);
    out.set("scores", to_js(trace.scores));
    out.set("scaledScores", to_js(trace.scaled_scores));
    out.set("rowMax", to_js(trace.row_max));
    out.set("exponentials", to_js(trace.exponentials));
    out.set("rowSum", to_js(trace.row_sum));
    out.set("weights", to_js(trace.weights));
    out.set("output", to_js(trace.output));
}

val heads_to_js(const std::vector<attn::HeadTrace>& heads) {
    val list = val::array();
    for (const attn::HeadTrace& head : heads) {
        val h = val::object();
        h.set("q", to_js(head.q));
        h.set("k", to_js(head.k));
        h.set("v", to_js(head.v));
        set_trace(h, head.attention);
        list.call<void>("push", h);
    }
    return list;
}

val error(const attn::Status& status) {
    val out = val::object();
    out.set("error", status.message());
    return out;
}

// mask: a string; scale: a packed number, or null for the default 1/√d_k.
attn::Status read_options(attn::AttentionOptions& options, const val& mask, const val& scale) {
    if (attn::Status s = attn::parse_mask(mask.as<std::string>(), options.mask); !s) return s;
    if (!scale.isNull()) {
        double value = 0.0;
        if (attn::Status s = attn::number_from_loose(value, loose_number(scale), "scale"); !s) return s;
        options.scale = float(value);
    }
    return {};
}

val attention(val q_in, val k_in, val v_in, val mask, val scale) {
    attn::Matrix q, k, v;
    attn::AttentionOptions options;
    attn::AttentionTrace trace;
    attn::Status s = read_matrix(q, q_in, "Q");
    if (s) s = read_matrix(k, k_in, "K");
    if (s) s = read_matrix(v, v_in, "V");
    if (s) s = read_options(options, mask, scale);
    if (s) s = attn::attention_trace(trace, q, k, v, options);
    if (!s) return error(s);

    val out = val::object();
    set_trace(out, trace);
    return out;
}

val multi_head(val q_in, val k_in, val v_in, val heads_in, val mask, val scale) {
    attn::Matrix q, k, v;
    attn::AttentionOptions options;
    attn::MultiHeadTrace trace;
    std::size_t heads = 0;
    attn::Status s = read_matrix(q, q_in, "Q");
    if (s) s = read_matrix(k, k_in, "K");
    if (s) s = read_matrix(v, v_in, "V");
    if (s) s = attn::heads_from_loose(heads, loose_number(heads_in));
    if (s) s = read_options(options, mask, scale);
    if (s) s = attn::multi_head_trace(trace, q, k, v, heads, options);
    if (!s) return error(s);

    val out = val::object();
    out.set("heads", heads_to_js(trace.heads));
    out.set("concat", to_js(trace.concat));
    return out;
}

val self_attention(val x_in, val wq_in, val wk_in, val wv_in, val wo_in, val heads_in, val mask, val scale) {
    attn::Matrix x;
    attn::SelfAttentionWeights w;
    attn::AttentionOptions options;
    attn::SelfAttentionTrace trace;
    std::size_t heads = 0;
    attn::Status s = read_matrix(x, x_in, "X");
    if (s) s = read_matrix(w.wq, wq_in, "W_Q");
    if (s) s = read_matrix(w.wk, wk_in, "W_K");
    if (s) s = read_matrix(w.wv, wv_in, "W_V");
    if (s && !wo_in.isNull()) {
        w.wo.emplace();
        s = read_matrix(*w.wo, wo_in, "W_O");
    }
    if (s) s = attn::heads_from_loose(heads, loose_number(heads_in));
    if (s) s = read_options(options, mask, scale);
    if (s) s = attn::self_attention_trace(trace, x, w, heads, options);
    if (!s) return error(s);

    val out = val::object();
    out.set("q", to_js(trace.q));
    out.set("k", to_js(trace.k));
    out.set("v", to_js(trace.v));
    out.set("heads", heads_to_js(trace.heads));
    out.set("concat", to_js(trace.concat));
    out.set("output", to_js(trace.output));
    return out;
}

// Σ of each row of a matrix (e.g. the weights, whose rows sum to 1).
val row_sums(val m_in) {
    attn::Matrix m;
    if (attn::Status s = read_matrix(m, m_in, "matrix"); !s) return error(s);
    val out = val::object();
    out.set("sums", to_js(attn::row_sums(m)));
    return out;
}

val spread_to_js(const attn::WeightSpread& spread) {
    val out = val::object();
    out.set("maxWeight", spread.mean_max_weight);
    out.set("entropyShare", spread.mean_entropy_share);
    return out;
}

val scale_experiment(double d_k, double keys, double samples, double seed) {
    const auto whole = [](double x) { return x >= 0 && x <= 1e6 && x == std::floor(x); };
    if (!whole(d_k) || !whole(keys) || !whole(samples) || !whole(seed))
        return error(attn::Status::error("d_k, keys, samples and seed must be whole numbers"));
    attn::ScaleExperiment experiment;
    if (attn::Status s = attn::scale_experiment(experiment, std::size_t(d_k), std::size_t(keys), std::size_t(samples),
                                                std::uint32_t(seed));
        !s)
        return error(s);
    val out = val::object();
    out.set("scoreRms", experiment.score_rms);
    out.set("unscaled", spread_to_js(experiment.unscaled));
    out.set("scaled", spread_to_js(experiment.scaled));
    return out;
}

// attentionOutput and selfAttentionOutput: the output alone, by the streaming path (no n×m
// matrix). Their matrices do not go through Embind values, whose cost dominates small calls.
// One call at a time, in steps driven by attention.js:
//   heap_call_input(rows, cols, name)  adds the next input matrix and returns the heap address
//                                      of its data; or −1 when the shape is over the limits
//                                      (nothing is copied; the message names the limit);
//   (attention.js writes each Float32Array straight into its matrix: the one copy in)
//   heap_call_run_attention / heap_call_run_self_attention
//                                      the heap address of the output's data; or −1;
//   heap_call_take_error()             after a −1, the message;
//   heap_call_release()                frees everything (attention.js calls it in a finally).
// Options and heads are read as for the trace entries (read_options, heads_from_loose), so every
// message is theirs. Addresses fit in an int: the limits keep wasm memory below 2 GiB.
struct HeapCall {
    std::vector<attn::Matrix> inputs;
    attn::Matrix out;
    std::string error;
};
HeapCall heap_call;

constexpr int kHeapCallFailed = -1;

int address_of(const float* p) { return int(reinterpret_cast<std::uintptr_t>(p)); }

// The output's address, or kHeapCallFailed with the message kept.
int heap_call_result(const attn::Status& s) {
    if (s) return address_of(heap_call.out.data());
    heap_call.error = s.message();
    return kHeapCallFailed;
}

int heap_call_input(std::size_t rows, std::size_t cols, const std::string& name) {
    if (attn::Status s = attn::check_extent(rows, cols, name); !s) return heap_call_result(s);
    heap_call.inputs.push_back(attn::Matrix::from_shape({rows, cols}));
    return address_of(heap_call.inputs.back().data());
}

// A wrong number of inputs is a bug in attention.js, reported as a message like any other.
attn::Status heap_call_inputs(std::size_t expected) {
    if (heap_call.inputs.size() == expected) return {};
    return attn::Status::error("heap call: " + std::to_string(heap_call.inputs.size()) + " inputs given, " +
                               std::to_string(expected) + " expected (a bug in the caller)");
}

// inputs: Q, K, V; mask and scale as for attention()
int heap_call_run_attention(val mask, val scale) {
    attn::AttentionOptions options;
    attn::Status s = heap_call_inputs(3);
    if (s) s = read_options(options, mask, scale);
    if (!s) return heap_call_result(s);
    const std::vector<attn::Matrix>& in = heap_call.inputs;
    return heap_call_result(attn::attention_output(heap_call.out, in[0], in[1], in[2], options));
}

// inputs: X, W_Q, W_K, W_V and, when has_wo, W_O; heads, mask and scale as for selfAttention()
int heap_call_run_self_attention(bool has_wo, val heads_in, val mask, val scale) {
    attn::AttentionOptions options;
    std::size_t heads = 0;
    attn::Status s = heap_call_inputs(has_wo ? 5 : 4);
    if (s) s = attn::heads_from_loose(heads, loose_number(heads_in));
    if (s) s = read_options(options, mask, scale);
    if (!s) return heap_call_result(s);
    std::vector<attn::Matrix>& in = heap_call.inputs;
    attn::SelfAttentionWeights w{std::move(in[1]), std::move(in[2]), std::move(in[3]), std::nullopt};
    if (has_wo) w.wo = std::move(in[4]);
    return heap_call_result(attn::self_attention_output(heap_call.out, in[0], w, heads, options));
}

std::string heap_call_take_error() { return std::move(heap_call.error); }

void heap_call_release() { heap_call = HeapCall{}; }

// ---- issue 11: positional encoding (one block; attention.js: positionalEncoding) ----------
// { encoding: PE (n×d), sum: X + PE } for a packed X (n×d).
val positional_encoding(val x_in) {
    attn::Matrix x, pe, sum;
    attn::Status s = read_matrix(x, x_in, "X");
    if (s) s = attn::sinusoidal_encoding(pe, attn::rows(x), attn::cols(x));
    if (s) s = attn::add_positional_encoding(sum, x);
    if (!s) return error(s);
    val out = val::object();
    out.set("encoding", to_js(pe));
    out.set("sum", to_js(sum));
    return out;
}
// ---- end of issue 11 block -----------------------------------------------------------------

val info() {
    val out = val::object();
    out.set("version", std::string(attn::kVersion));
    out.set("arch", std::string(attn::build_arch()));
    out.set("simd", bool(ATTN_SIMD));
    out.set("maxDimension", attn::kMaxDimension);
    out.set("maxMatrixEntries", attn::kMaxMatrixEntries);
    out.set("maxHeads", attn::kMaxHeads);
    out.set("maxTraceFloats", attn::kMaxTraceFloats);
    return out;
}

// Bytes of wasm memory, and bytes malloc has handed out and not taken back.
val memory() {
    val out = val::object();
    out.set("heapBytes", double(emscripten_get_heap_size()));
    out.set("allocatedBytes", double(mallinfo().uordblks));
    return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(attention_core) {
    emscripten::function("attention", &attention);
    emscripten::function("multiHead", &multi_head);
    emscripten::function("selfAttention", &self_attention);
    emscripten::function("rowSums", &row_sums);
    emscripten::function("scaleExperiment", &scale_experiment);
    emscripten::function("heapCallInput", &heap_call_input);
    emscripten::function("heapCallRunAttention", &heap_call_run_attention);
    emscripten::function("heapCallRunSelfAttention", &heap_call_run_self_attention);
    emscripten::function("heapCallTakeError", &heap_call_take_error);
    emscripten::function("heapCallRelease", &heap_call_release);
    emscripten::function("info", &info);
    emscripten::function("memory", &memory);
    emscripten::function("positionalEncoding", &positional_encoding);  // issue 11
}
