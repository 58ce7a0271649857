// emscripten.cpp — the Embind binding: the only file that knows about the web.
//
// One protocol for every entry; one call at a time, driven by web/js/attention.js (which has
// already checked the JavaScript values: types, raggedness, lengths):
//   checkExtent(rows, cols, name)  the limits alone;
//   input(rows, cols, name)  checks the shape against the limits, adds a rows×cols float32
//                            matrix to the call and returns the heap address of its data;
//   (attention.js writes each matrix's entries straight into it: the one copy in)
//   run_…(…)                 runs one entry of the core on the inputs and keeps every result;
//   results()                the heap address of a table of uint32: the count, then
//                            (address, rows, cols) per result, in the order of the entry's trace;
//   release()                frees the call (attention.js calls it in a finally).
// Every function returns kFailed (−1) on failure and keeps the Status; error() gives it as
// { code, message, matrix, row, col, option }. Nothing here throws, and no C++ frame owns memory
// while JavaScript runs: results stay in `call` until attention.js has copied them out.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "attention.hpp"
#include "multi_head.hpp"
#include "self_attention_output.hpp"
#include "streaming_attention.hpp"
#include "validate.hpp"
#include "version.hpp"
#include "why_scale.hpp"

using emscripten::val;

namespace {

struct Call {
    std::vector<attn::Matrix> inputs;
    attn::AttentionTrace trace;
    attn::MultiHeadTrace multi_head;
    attn::SelfAttentionTrace self_attention;
    attn::Matrix output;
    std::vector<float> numbers;
    std::vector<std::uint32_t> table{0};
    attn::Status status;
};
Call call;

constexpr int kFailed = -1;

std::uint32_t address_of(const float* p) { return std::uint32_t(reinterpret_cast<std::uintptr_t>(p)); }

void add_result(const float* data, std::size_t rows, std::size_t cols) {
    call.table.insert(call.table.end(), {address_of(data), std::uint32_t(rows), std::uint32_t(cols)});
    ++call.table[0];
}
void add_result(const attn::Matrix& m) { add_result(m.data(), attn::rows(m), attn::cols(m)); }
void add_result(const std::vector<float>& v) { add_result(v.data(), 1, v.size()); }

void add_trace(const attn::AttentionTrace& t) {
    add_result(&t.scale, 1, 1);
    for (const attn::Matrix* m : {&t.scores, &t.scaled_scores}) add_result(*m);
    add_result(t.row_max);
    add_result(t.exponentials);
    add_result(t.row_sum);
    add_result(t.weights);
    add_result(t.output);
}

void add_heads(const std::vector<attn::HeadTrace>& heads) {
    for (const attn::HeadTrace& h : heads) {
        for (const attn::Matrix* m : {&h.q, &h.k, &h.v}) add_result(*m);
        add_trace(h.attention);
    }
}

// 0 on success; kFailed with the status kept.
int finish(const attn::Status& s) {
    call.status = s;
    return s ? 0 : kFailed;
}

// The inputs' count is attention.js's to get right; a wrong one is reported, not read past.
attn::Status inputs(std::size_t expected) {
    if (call.inputs.size() == expected) return {};
    return attn::Status::error(attn::Code::bad_option, std::to_string(call.inputs.size()) + " inputs given, " +
                                                           std::to_string(expected) + " expected (a bug in the caller)");
}

attn::Status options_of(attn::AttentionOptions& options, const std::string& mask, bool has_scale, double scale) {
    if (has_scale) options.scale = float(scale);  // attention.js has checked the float32 range
    return attn::parse_mask(mask, options.mask);
}

// attention.js passes a whole number ≥ 1; past 2³² it saturates (the core then says "at most …").
std::size_t heads_of(double heads) { return std::size_t(std::min(heads, 4294967295.0)); }

// The limits alone (attention.js checks a nested array's row count before walking its rows).
int check_extent(double rows, double cols, const std::string& name) {
    return finish(attn::check_extent(std::uint64_t(rows), std::uint64_t(cols), name));
}

int input(double rows, double cols, const std::string& name) {
    if (attn::Status s = attn::check_extent(std::uint64_t(rows), std::uint64_t(cols), name); !s) return finish(s);
    call.inputs.push_back(attn::Matrix::from_shape({std::size_t(rows), std::size_t(cols)}));
    return int(address_of(call.inputs.back().data()));
}

int run_attention(const std::string& mask, bool has_scale, double scale) {
    attn::AttentionOptions options;
    attn::Status s = inputs(3);
    if (s) s = options_of(options, mask, has_scale, scale);
    if (s) s = attn::attention_trace(call.trace, call.inputs[0], call.inputs[1], call.inputs[2], options);
    if (s) add_trace(call.trace);
    return finish(s);
}

int run_multi_head(double heads, const std::string& mask, bool has_scale, double scale) {
    attn::AttentionOptions options;
    attn::Status s = inputs(3);
    if (s) s = options_of(options, mask, has_scale, scale);
    if (s) s = attn::multi_head_trace(call.multi_head, call.inputs[0], call.inputs[1], call.inputs[2], heads_of(heads),
                                      options);
    if (s) {
        add_heads(call.multi_head.heads);
        add_result(call.multi_head.concat);
    }
    return finish(s);
}

// inputs: X, W_Q, W_K, W_V and, when has_wo, W_O
attn::Status self_attention_inputs(attn::SelfAttentionWeights& w, bool has_wo) {
    if (attn::Status s = inputs(has_wo ? 5 : 4); !s) return s;
    std::vector<attn::Matrix>& in = call.inputs;
    w = {std::move(in[1]), std::move(in[2]), std::move(in[3]), std::nullopt};
    if (has_wo) w.wo = std::move(in[4]);
    return {};
}

int run_self_attention(bool has_wo, double heads, const std::string& mask, bool has_scale, double scale) {
    attn::AttentionOptions options;
    attn::SelfAttentionWeights w;
    attn::Status s = self_attention_inputs(w, has_wo);
    if (s) s = options_of(options, mask, has_scale, scale);
    attn::SelfAttentionTrace& t = call.self_attention;
    if (s) s = attn::self_attention_trace(t, call.inputs[0], w, heads_of(heads), options);
    if (s) {
        for (const attn::Matrix* m : {&t.q, &t.k, &t.v}) add_result(*m);
        add_heads(t.heads);
        add_result(t.concat);
        add_result(t.output);
    }
    return finish(s);
}

int run_attention_output(const std::string& mask, bool has_scale, double scale) {
    attn::AttentionOptions options;
    attn::Status s = inputs(3);
    if (s) s = options_of(options, mask, has_scale, scale);
    if (s) s = attn::attention_output(call.output, call.inputs[0], call.inputs[1], call.inputs[2], options);
    if (s) add_result(call.output);
    return finish(s);
}

int run_self_attention_output(bool has_wo, double heads, const std::string& mask, bool has_scale, double scale) {
    attn::AttentionOptions options;
    attn::SelfAttentionWeights w;
    attn::Status s = self_attention_inputs(w, has_wo);
    if (s) s = options_of(options, mask, has_scale, scale);
    if (s) s = attn::self_attention_output(call.output, call.inputs[0], w, heads_of(heads), options);
    if (s) add_result(call.output);
    return finish(s);
}

int run_row_sums() {
    attn::Status s = inputs(1);
    if (s) s = attn::row_sums(call.numbers, call.inputs[0]);
    if (s) add_result(call.numbers);
    return finish(s);
}

// attention.js passes whole numbers from 0 to 1e6.
int run_scale_experiment(double d_k, double keys, double samples, double seed) {
    attn::ScaleExperiment e;
    attn::Status s = attn::scale_experiment(e, std::size_t(d_k), std::size_t(keys), std::size_t(samples),
                                            std::uint32_t(seed));
    if (s) {
        call.numbers = {e.score_rms, e.unscaled.mean_max_weight, e.unscaled.mean_entropy_share,
                        e.scaled.mean_max_weight, e.scaled.mean_entropy_share};
        add_result(call.numbers);
    }
    return finish(s);
}

int results() { return int(address_of(reinterpret_cast<const float*>(call.table.data()))); }

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
    using emscripten::function;
    function("checkExtent", &check_extent);
    function("input", &input);
    function("runAttention", &run_attention);
    function("runMultiHead", &run_multi_head);
    function("runSelfAttention", &run_self_attention);
    function("runAttentionOutput", &run_attention_output);
    function("runSelfAttentionOutput", &run_self_attention_output);
    function("runRowSums", &run_row_sums);
    function("runScaleExperiment", &run_scale_experiment);
    function("results", &results);
    function("release", &release);
    function("error", &error);
    function("info", &info);
    function("memory", &memory);
}
