// emscripten.cpp — the Embind binding: the only C++ file that knows about the web (the core in
// src/ takes Matrix and returns Status; src/wasm/CMakeLists.txt holds the link flags).
//
// One protocol for every entry, one call at a time, driven by web/js/core/attention.js (which has
// checked the JavaScript values: types, lengths, raggedness, float32 range):
//   checkExtent(rows, cols, name)  the size limits alone;
//   input(rows, cols, name)        the limits, then a new rows×cols float32 input matrix; returns
//                                  the heap address attention.js writes its entries to;
//   run…(…)                        one entry of the core on the inputs, keeping every result;
//   results()                      the heap address of a uint32 table: the count, then
//                                  (address, rows, cols) per result, in the entry's order;
//   release()                      frees the call (attention.js calls it in a finally).
// attentionOutput has a shorter protocol of its own, since its fixed cost per call shows at
// small n (n = 64: ~1 MFLOP, tens of µs). Its three per-call functions are plain wasm exports
// (Module._attn_output_inputs, …; numbers in and out), not Embind functions: with
// -sDYNAMIC_EXECUTION=0 Embind calls through a generic invoker that costs ~0.15 µs a call.
//   attn_output_inputs(Q rows, Q cols, K rows, K cols, V rows, V cols)
//                                  the limits, then the three input matrices, kept from the last
//                                  call and reallocated only when a size changed; returns the heap
//                                  address of a uint32 table: the addresses of Q, K, V's entries;
//   maskCode(name)                 the mask's number (Embind; attention.js keeps it);
//   attn_run_output(mask code, has scale, scale)
//                                  attention_output on them; returns the heap address of a
//                                  uint32 table (output address, rows, cols);
//   attn_release_output()          frees those matrices when they hold more than
//                                  kKeptOutputFloats floats (attention.js calls it in a finally).
// Every function returns −1 on failure and keeps the Status, which error() gives as
// { code, message, matrix, row, col, option }. Beside the protocol: info() (version, build id,
// arch, size limits) and memory() (heap bytes, bytes allocated). Nothing here throws, and no
// JavaScript runs while a C++ frame owns memory: the results stay in `call` until attention.js
// has copied them out.
#include <emscripten/bind.h>
#include <emscripten/em_macros.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "attention.hpp"
#include "multi_head.hpp"
#include "positional_encoding.hpp"
#include "self_attention_output.hpp"
#include "streaming_attention.hpp"
#include "thread_pool.hpp"
#include "validate.hpp"
#include "vector_geometry.hpp"
#include "version.hpp"
#include "why_scale.hpp"

using emscripten::val;

namespace {

struct Call {
    std::vector<attn::Matrix> inputs;
    attn::AttentionTrace trace;
    attn::MultiHeadTrace multi_head;
    attn::SelfAttentionTrace self;
    attn::Matrix output;
    attn::PairGeometry geometry;
    attn::Matrix encoded;
    std::vector<float> numbers;
    std::vector<std::uint32_t> table{0};
    attn::Status status;
};
Call call;

// attentionOutput's matrices, kept between calls while they are small: a repeated shape costs
// no allocation. Its Status goes to call.status, as every other entry's.
struct OutputCall {
    attn::Matrix q, k, v, out;
    std::uint32_t inputs[3] = {};  // addresses of Q, K, V's entries
    std::uint32_t result[3] = {};  // address, rows, cols of the output
};
OutputCall output_call;
// Q, K, V and the output together up to 256 Ki floats (1 MiB; n = m = 1024 at d = 64) stay
// allocated after a call; larger ones are freed, where an allocation is small beside the work.
constexpr std::size_t kKeptOutputFloats = std::size_t(256) << 10;
// The threads of attentionOutput and selfAttentionOutput: none until startThreads (one thread).
std::unique_ptr<attn::ThreadPool> pool;

std::uint32_t address_of(const void* p) { return std::uint32_t(reinterpret_cast<std::uintptr_t>(p)); }

void add(const float* data, std::size_t rows, std::size_t cols) {
    call.table.insert(call.table.end(), {address_of(data), std::uint32_t(rows), std::uint32_t(cols)});
    ++call.table[0];
}
void add(const attn::Matrix& m) { add(m.data(), attn::rows(m), attn::cols(m)); }
void add(const std::vector<float>& v) { add(v.data(), 1, v.size()); }

// scale (1×1), scores, scaled scores, row max (1×n), exponentials, row sum (1×n), weights, output
void add(const attn::AttentionTrace& t) {
    add(&t.scale, 1, 1);
    add(t.scores), add(t.scaled_scores), add(t.row_max), add(t.exponentials), add(t.row_sum), add(t.weights);
    add(t.output);
}
// per head: q, k, v, then its trace
void add(const std::vector<attn::HeadTrace>& heads) {
    for (const attn::HeadTrace& h : heads) add(h.q), add(h.k), add(h.v), add(h.attention);
}

int finish(const attn::Status& s) {
    call.status = s;
    return s ? 0 : -1;
}

// Checks the number of inputs (attention.js's to get right) and reads the options, then runs
// compute(options). heads: a whole number ≥ 1 from attention.js, saturated past 2³².
template <class Compute>
int run(std::size_t inputs, const std::string& mask, bool has_scale, double scale, Compute compute) {
    attn::AttentionOptions options;
    options.pool = pool.get();
    attn::Status s;
    if (call.inputs.size() != inputs)
        s = attn::Status::error(attn::Code::bad_option, std::to_string(call.inputs.size()) + " inputs given, " +
                                                            std::to_string(inputs) + " expected (a bug in the caller)");
    if (s) s = attn::parse_mask(mask, options.mask);
    if (s && has_scale) options.scale = float(scale);  // within float32's range: attention.js checked it
    if (s) s = compute(options);
    return finish(s);
}
std::size_t heads_of(double heads) { return std::size_t(std::min(heads, 4294967295.0)); }

// inputs X, W_Q, W_K, W_V and, when has_wo, W_O
attn::SelfAttentionWeights weights(bool has_wo) {
    std::vector<attn::Matrix>& in = call.inputs;
    attn::SelfAttentionWeights w{std::move(in[1]), std::move(in[2]), std::move(in[3]), std::nullopt};
    if (has_wo) w.wo = std::move(in[4]);
    return w;
}

int check_extent(double rows, double cols, const std::string& name) {
    return finish(attn::check_extent(std::uint64_t(rows), std::uint64_t(cols), name));
}

int input(double rows, double cols, const std::string& name) {
    if (check_extent(rows, cols, name) != 0) return -1;
    call.inputs.push_back(attn::Matrix::from_shape({std::size_t(rows), std::size_t(cols)}));
    return int(address_of(call.inputs.back().data()));
}

int run_attention(const std::string& mask, bool has_scale, double scale) {
    return run(3, mask, has_scale, scale, [](const attn::AttentionOptions& o) {
        attn::Status s = attn::attention_trace(call.trace, call.inputs[0], call.inputs[1], call.inputs[2], o);
        if (s) add(call.trace);
        return s;
    });
}

int run_multi_head(double heads, const std::string& mask, bool has_scale, double scale) {
    return run(3, mask, has_scale, scale, [heads](const attn::AttentionOptions& o) {
        attn::MultiHeadTrace& t = call.multi_head;
        attn::Status s = attn::multi_head_trace(t, call.inputs[0], call.inputs[1], call.inputs[2], heads_of(heads), o);
        if (s) add(t.heads), add(t.concat);
        return s;
    });
}

int run_self_attention(bool has_wo, double heads, const std::string& mask, bool has_scale, double scale) {
    return run(has_wo ? 5 : 4, mask, has_scale, scale, [=](const attn::AttentionOptions& o) {
        attn::SelfAttentionTrace& t = call.self;
        attn::Status s = attn::self_attention_trace(t, call.inputs[0], weights(has_wo), heads_of(heads), o);
        if (s) add(t.q), add(t.k), add(t.v), add(t.heads), add(t.concat), add(t.output);
        return s;
    });
}

// 0 for "none", 1 for "causal" (attn::Mask's values); −1 for any other name.
int mask_code(const std::string& name) {
    attn::Mask mask = attn::Mask::none;
    if (finish(attn::parse_mask(name, mask)) != 0) return -1;
    return int(mask);
}

int run_self_attention_output(bool has_wo, double heads, const std::string& mask, bool has_scale, double scale) {
    return run(has_wo ? 5 : 4, mask, has_scale, scale, [=](const attn::AttentionOptions& o) {
        attn::Status s = attn::self_attention_output(call.output, call.inputs[0], weights(has_wo), heads_of(heads), o);
        if (s) add(call.output);
        return s;
    });
}

int run_row_sums() {
    return run(1, "none", false, 0.0, [](const attn::AttentionOptions&) {
        attn::Status s = attn::row_sums(call.numbers, call.inputs[0]);
        if (s) add(call.numbers);
        return s;
    });
}

// whole numbers from 0 to 10⁶ (attention.js checked them); one 1×5 result
int run_scale_experiment(double d_k, double keys, double samples, double seed) {
    attn::ScaleExperiment e;
    attn::Status s = attn::scale_experiment(e, std::size_t(d_k), std::size_t(keys), std::size_t(samples), std::uint32_t(seed));
    if (s) {
        call.numbers = {e.score_rms, e.unscaled.mean_max_weight, e.unscaled.mean_entropy_share, e.scaled.mean_max_weight,
                        e.scaled.mean_entropy_share};
        add(call.numbers);
    }
    return finish(s);
}

// inputs a (n×d), b (m×d); results |a_i| (1×n), |b_j| (1×m), then dots, cosines, angles,
// degrees, products (n×m each), units of a (n×d), units of b (m×d)
int run_pair_geometry(const std::string& name_a, const std::string& name_b) {
    return run(2, "none", false, 0.0, [&](const attn::AttentionOptions&) {
        attn::PairGeometry& g = call.geometry;
        attn::Status s = attn::pair_geometry(g, call.inputs[0], call.inputs[1], name_a, name_b);
        if (s) add(g.norms_a), add(g.norms_b), add(g.dots), add(g.cosines), add(g.angles), add(g.degrees);
        if (s) add(g.products), add(g.units_a), add(g.units_b);
        return s;
    });
}

// input points (n×2); result the hull's row indices (1×h), counter-clockwise
int run_convex_hull_2d(const std::string& name) {
    return run(1, "none", false, 0.0, [&](const attn::AttentionOptions&) {
        std::vector<std::size_t> hull;
        attn::Status s = attn::convex_hull_2d(hull, call.inputs[0], name);
        if (s) call.numbers.assign(hull.begin(), hull.end()), add(call.numbers);
        return s;
    });
}

// input X (n×d); results the sinusoidal encoding PE (n×d), then X + PE (n×d)
int run_positional_encoding() {
    return run(1, "none", false, 0.0, [](const attn::AttentionOptions&) {
        const attn::Matrix& x = call.inputs[0];
        attn::Status s = attn::sinusoidal_encoding(call.output, attn::rows(x), attn::cols(x));
        if (s) s = attn::add_positional_encoding(call.encoded, x);
        if (s) add(call.output), add(call.encoded);
        return s;
    });
}

// Makes the pool of `threads` threads (the calling one and threads − 1 workers) once; later calls
// change nothing. A build without pthreads stays on one thread. Returns the threads running.
int start_threads(int threads) {
#ifdef __EMSCRIPTEN_PTHREADS__
    if (!pool && threads > 1) pool = std::make_unique<attn::ThreadPool>(std::size_t(threads));
#else
    (void)threads;
#endif
    return pool ? int(pool->size()) : 1;
}

int results() { return int(address_of(call.table.data())); }

void release() { call = Call{}; }

val error() {
    const attn::Status& s = call.status;
    val out = val::object();
    out.set("code", std::string(attn::code_name(s.code())));
    out.set("message", s.message());
    out.set("matrix", s.matrix());
    out.set("row", int(s.row()));
    out.set("col", int(s.col()));
    out.set("option", s.option());
    return out;
}


val info() {
    val out = val::object();
    out.set("version", std::string(attn::kVersion));
    out.set("buildId", std::string(ATTN_BUILD_ID));
    out.set("arch", std::string(attn::build_arch()));
    out.set("maxDimension", attn::kMaxDimension);
    out.set("maxMatrixEntries", attn::kMaxMatrixEntries);
    out.set("maxHeads", attn::kMaxHeads);
    out.set("maxTraceFloats", attn::kMaxTraceFloats);
    out.set("threads", pool ? int(pool->size()) : 1);
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



// attentionOutput's per-call functions (see the top of this file).
extern "C" {

// The limits of Q (n×d_k), K (m×d_k'), V (m'×d_v) in that order (their agreement is the core's
// to check, with its messages), then each resized to its shape (its storage kept when the
// number of entries is the same).
EMSCRIPTEN_KEEPALIVE int attn_output_inputs(double q_rows, double q_cols, double k_rows, double k_cols, double v_rows, double v_cols) {
    attn::Matrix* matrices[3] = {&output_call.q, &output_call.k, &output_call.v};
    const double shapes[3][2] = {{q_rows, q_cols}, {k_rows, k_cols}, {v_rows, v_cols}};
    static const std::string names[3] = {"Q", "K", "V"};
    for (int i = 0; i < 3; ++i)
        if (check_extent(shapes[i][0], shapes[i][1], names[i]) != 0) return -1;
    for (int i = 0; i < 3; ++i) {
        matrices[i]->resize(attn::Matrix::shape_type{std::size_t(shapes[i][0]), std::size_t(shapes[i][1])});
        output_call.inputs[i] = address_of(matrices[i]->data());
    }
    return int(address_of(output_call.inputs));
}

EMSCRIPTEN_KEEPALIVE int attn_run_output(int mask, bool has_scale, double scale) {
    if (mask != int(attn::Mask::none) && mask != int(attn::Mask::causal))
        return finish(attn::Status::error(attn::Code::bad_option, "mask code " + std::to_string(mask) +
                                                                      " is not one of maskCode's (a bug in the caller)"));
    attn::AttentionOptions options;
    options.pool = pool.get();
    options.mask = attn::Mask(mask);
    if (has_scale) options.scale = float(scale);  // within float32's range: attention.js checked it
    OutputCall& c = output_call;
    if (finish(attn::attention_output(c.out, c.q, c.k, c.v, options)) != 0) return -1;
    c.result[0] = address_of(c.out.data()), c.result[1] = std::uint32_t(attn::rows(c.out));
    c.result[2] = std::uint32_t(attn::cols(c.out));
    return int(address_of(c.result));
}

EMSCRIPTEN_KEEPALIVE void attn_release_output() {
    OutputCall& c = output_call;
    if (c.q.size() + c.k.size() + c.v.size() + c.out.size() > kKeptOutputFloats) c = OutputCall{};
}

}  // extern "C"

EMSCRIPTEN_BINDINGS(attention_core) {
    using emscripten::function;
    function("checkExtent", &check_extent);
    function("input", &input);
    function("runAttention", &run_attention);
    function("runMultiHead", &run_multi_head);
    function("runSelfAttention", &run_self_attention);
    function("runSelfAttentionOutput", &run_self_attention_output);
    function("maskCode", &mask_code);
    function("runRowSums", &run_row_sums);
    function("runScaleExperiment", &run_scale_experiment);
    function("runPairGeometry", &run_pair_geometry);
    function("runConvexHull2d", &run_convex_hull_2d);
    function("runPositionalEncoding", &run_positional_encoding);
    function("startThreads", &start_threads);
    function("results", &results);
    function("release", &release);
    function("error", &error);
    function("info", &info);
    function("memory", &memory);
}
