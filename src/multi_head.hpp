// multi_head.hpp — multi-head self-attention with every intermediate kept.
//
//   Q (n×d_model) = X (n×d_in) · W_Q (d_in×d_model)      K likewise with W_K
//   V (n×d_vm)    = X (n×d_in) · W_V (d_in×d_vm)
//   head h: Q_h, K_h = columns [h·d_k, (h+1)·d_k) of Q, K   d_k = d_model / heads
//           V_h      = columns [h·d_v, (h+1)·d_v) of V      d_v = d_vm / heads
//           output_h (n×d_v) = attention(Q_h, K_h, V_h)      scale defaults to 1/√d_k
//   concat (n×d_vm)  = [output_0 | output_1 | … ]
//   output (n×d_out) = concat · W_O (d_vm×d_out), or concat itself when W_O is not given
//
// With heads = 1 this is exactly attention(X·W_Q, X·W_K, X·W_V) · W_O.
//
// multi_head_trace is the middle part alone, for given Q (n×d_model), K (m×d_model) and
// V (m×d_vm): split into heads, attention per head, concatenation (no projections, no W_O).
#pragma once

#include <optional>
#include <vector>

#include "attention.hpp"

namespace attn {

struct SelfAttentionWeights {
    Matrix wq, wk, wv;
    std::optional<Matrix> wo;
};

struct HeadTrace {
    Matrix q, k, v;            // n×d_k, n×d_k, n×d_v: this head's columns
    AttentionTrace attention;  // scores, scaled scores, weights, output (n×d_v)
};

struct MultiHeadTrace {
    std::vector<HeadTrace> heads;
    Matrix concat;             // n×d_vm = [output_0 | output_1 | … ]
};

struct SelfAttentionTrace {
    Matrix q, k, v;            // projections, all heads side by side
    std::vector<HeadTrace> heads;
    Matrix concat;             // n×d_vm
    Matrix output;             // n×d_out
};

// columns [first, first + count) of m, as a contiguous matrix
void take_columns(Matrix& out, const Matrix& m, std::size_t first, std::size_t count);

// out (n×(Σ widths)) = the given matrices side by side (all with n rows)
void concat_columns(Matrix& out, const std::vector<const Matrix*>& parts);

// heads ≥ 1, ≤ kMaxHeads, and dividing both widths d_model and d_vm. For messages, q_source and
// v_source name the matrices those are the widths of, and q_width_name the first width:
// q_width_name "d_model", q_source "W_Q" → "d_model = 6 (the width of W_Q)"; v_source "W_V" →
// "8 (the width of W_V)".
Status check_heads(std::size_t heads, std::size_t d_model, std::size_t d_vm, const std::string& q_source,
                   const std::string& v_source, const std::string& q_width_name);

Status check_multi_head_inputs(const Matrix& q, const Matrix& k, const Matrix& v, std::size_t heads,
                               const AttentionOptions& options);

Status multi_head_trace(MultiHeadTrace& trace, const Matrix& q, const Matrix& k, const Matrix& v, std::size_t heads,
                        const AttentionOptions& options = {});

// The advice of self-attention's overflow messages: X and the weights are what its caller can change.
OverflowAdvice self_attention_advice();

// check_self_attention_inputs without the trace-size limit, for entries that keep no trace.
Status check_self_attention_shapes(const Matrix& x, const SelfAttentionWeights& weights, std::size_t heads,
                                   const AttentionOptions& options);

Status check_self_attention_inputs(const Matrix& x, const SelfAttentionWeights& weights, std::size_t heads,
                                   const AttentionOptions& options);

Status self_attention_trace(SelfAttentionTrace& trace, const Matrix& x, const SelfAttentionWeights& weights,
                            std::size_t heads, const AttentionOptions& options = {});

}  // namespace attn
