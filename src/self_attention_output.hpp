// self_attention_output.hpp — the output of multi-head self-attention alone, without the
// trace (no n×n matrix is kept; each head runs the streaming attention_output):
//
//   Q (n×d_model) = X (n×d_in) · W_Q      K (n×d_model) = X · W_K      V (n×d_vm) = X · W_V
//   head h: Q_h, K_h = columns [h·d_k, (h+1)·d_k) of Q, K      d_k = d_model / heads
//           V_h      = columns [h·d_v, (h+1)·d_v) of V         d_v = d_vm / heads
//           output_h (n×d_v) = softmax_rows(scale · Q_h·K_hᵀ, mask) · V_h     scale: 1/√d_k by default
//   concat (n×d_vm)  = [output_0 | output_1 | … ]
//   output (n×d_out) = concat · W_O (d_vm×d_out), or concat itself when W_O is not given
//
// The same numbers as self_attention_trace(...).output: the projections run the same gemm
// kernel, each head the streaming path. Memory: X, Q, K, V, one head's column copies, the
// concatenation and the output, O(n·d); no n×n matrix.
#pragma once

#include <cstddef>

#include "attention.hpp"
#include "matrix.hpp"
#include "multi_head.hpp"
#include "status.hpp"

namespace attn {

// Checks X, the weights, heads and the options as self_attention_trace does (the same
// messages), except the trace-size limit, which does not apply; then fills out (n×d_out).
Status self_attention_output(Matrix& out, const Matrix& x, const SelfAttentionWeights& weights, std::size_t heads,
                             const AttentionOptions& options = {});

}  // namespace attn
