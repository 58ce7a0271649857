// attention.hpp — scaled dot-product attention, one named function per step:
//
//   scores        (n×m) = Q (n×d_k) · Kᵀ (d_k×m)
//   scaled_scores (n×m) = scale · scores           scale defaults to 1/√d_k; causal: j > i → −∞
//   weights       (n×m) = row_softmax(scaled_scores):
//       row_max[i] = max_j scaled[i][j];  exponentials[i][j] = exp(scaled[i][j] − row_max[i]);
//       row_sum[i] = Σ_j exponentials[i][j];  weights[i][j] = exponentials[i][j] / row_sum[i]
//   output        (n×d_v) = weights (n×m) · V (m×d_v)
//
// The step functions assume valid shapes; attention_trace checks everything first and is
// the public entry.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "matrix.hpp"
#include "status.hpp"
#include "validate.hpp"

namespace attn {

enum class Mask { none, causal };

class ThreadPool;  // thread_pool.hpp

// "none" | "causal"; anything else is an error that lists the accepted names.
Status parse_mask(const std::string& name, Mask& mask);
const char* mask_name(Mask mask);

struct AttentionOptions {
    Mask mask = Mask::none;
    std::optional<float> scale;  // empty: 1/√d_k
    // attention_output (and self_attention_output, through it) splits its query rows across
    // this pool's threads when the call is large enough (worth_threads); null: the calling
    // thread alone. The output is the same bit for bit. The caller owns the pool; the
    // trace entries ignore it.
    ThreadPool* pool = nullptr;
};

struct AttentionTrace {
    float scale = 0.0f;          // the scale that was applied
    Matrix scores;               // n×m  Q·Kᵀ
    Matrix scaled_scores;        // n×m  scale·Q·Kᵀ, masked entries −∞
    std::vector<float> row_max;  // n    max of each scaled row (over its visible keys)
    Matrix exponentials;         // n×m  exp(scaled − row_max), 0 where masked
    std::vector<float> row_sum;  // n    Σ of each row of exponentials
    Matrix weights;              // n×m  row softmax = exponentials / row_sum
    Matrix output;               // n×d_v weights·V
};

// out (n×d_out) = X (n×d_in) · W (d_in×d_out)
void project(Matrix& out, const Matrix& x, const Matrix& w);

// scores (n×m) = Q (n×d_k) · Kᵀ (d_k×m)
void attention_scores(Matrix& scores, const Matrix& q, const Matrix& k);

// scaled (n×m) = scale · scores; with Mask::causal, entries j > i are −∞ (position i sees 0..i)
void scale_scores(Matrix& scaled, const Matrix& scores, float scale, Mask mask);

// weights (n×m): each row softmax(scaled row) over its finite entries; −∞ entries get weight 0
void row_softmax(Matrix& weights, const Matrix& scaled, Mask mask);

// row_softmax in its parts, as the trace shows them: row_max (n), exponentials (n×m),
// row_sum (n), weights (n×m) = exponentials / row_sum; identical weights to row_softmax.
void row_softmax_parts(std::vector<float>& row_max, Matrix& exponentials, std::vector<float>& row_sum,
                       Matrix& weights, const Matrix& scaled, Mask mask);

// output (n×d_v) = weights (n×m) · V (m×d_v)
void weighted_sum(Matrix& output, const Matrix& weights, const Matrix& v);

// 1/√d_k
float default_scale(std::size_t d_k);

// How many keys query i may attend to: all m, or 0..i under the causal mask.
inline std::size_t visible_keys(std::size_t i, std::size_t m, Mask mask) {
    return mask == Mask::causal && i + 1 < m ? i + 1 : m;
}

// Checks Q, K, V and the options, then runs every step into trace. Every number of a
// successful trace is finite (masked scaled scores are −∞ by definition); an overflow fails.
Status attention_trace(AttentionTrace& trace, const Matrix& q, const Matrix& k, const Matrix& v,
                       const AttentionOptions& options = {});

// What to advise when a computed number overflows float32: the inputs the caller can change
// (Q and K, V; or, under self-attention, X and the weights).
struct OverflowAdvice {
    std::string scores = overflow_advice("Q and K");
    std::string output = overflow_advice("V");
};

namespace detail {
// attention_trace, with the given advice on overflow.
Status attention_trace(AttentionTrace& trace, const Matrix& q, const Matrix& k, const Matrix& v,
                       const AttentionOptions& options, const OverflowAdvice& advice);
}  // namespace detail

// Floats held by the trace of n queries over m keys with values of width d_v (its four n×m
// matrices, two row vectors and the output).
std::size_t trace_floats(std::size_t n, std::size_t m, std::size_t d_v);

// The options alone: an explicit scale must be finite.
Status check_options(const AttentionOptions& options);

// The shape checks of attention_trace alone (used by entries that validate before copying).
Status check_attention_inputs(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionOptions& options);

// check_attention_inputs without the trace-size limit, for entries that hold no n×m matrix.
Status check_attention_shapes(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionOptions& options);

// check_attention_shapes without the scan of the entries (their finiteness): when it fails,
// check_attention_shapes gives the first error in its order.
Status check_attention_sizes(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionOptions& options);

// The errors of an overflowing product, shared by every entry that computes scores:
// "scores[i][j] = Q row i · K row j overflowed float32 (Infinity); <advice>"
Status scores_overflow_error(std::size_t i, std::size_t j, float value, const std::string& advice);
// "scaled scores[i][j] overflowed float32; use a smaller scale"
Status scaled_scores_overflow_error(std::size_t i, std::size_t j);
// The first non-finite entry of an output (n×d_v = weights·V), if any:
// "output[i][j] = Σ weights × V column j overflowed float32 (Infinity); <advice>"
Status check_output_finite(const Matrix& output, const std::string& advice);

}  // namespace attn
