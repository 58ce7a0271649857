// streaming_attention.hpp — the output of scaled dot-product attention alone, without the
// n×m matrices of the trace (FlashAttention-style online softmax):
//
//   output (n×d_v) = softmax_rows(scale · Q·Kᵀ, causal mask) · V
//
// Queries go in blocks of kQueryBlock rows, keys in blocks of kKeyBlock. Per query row i it
// keeps a running maximum m_i, a running sum l_i and an unnormalised output row o_i; for each
// key block B with scaled scores s_ij (j ∈ B, visible):
//   m' = max(m_i, max_j s_ij);  c = exp(m_i − m');  p_ij = exp(s_ij − m')
//   l_i ← c·l_i + Σ_j p_ij;     o_i ← c·o_i + Σ_j p_ij · V[j];  m_i ← m'
// and at the end output row i = o_i / l_i. Memory: the output, Kᵀ packed by key block (d_k×m),
// one kQueryBlock×kKeyBlock block of scores and 2 numbers per query: O(n·d + block²).
#pragma once

#include <cstddef>
#include <string>

#include "attention.hpp"
#include "matrix.hpp"
#include "status.hpp"

namespace attn {

constexpr std::size_t kQueryBlock = 32;
constexpr std::size_t kKeyBlock = 256;

// Checks Q, K, V and the options as attention_trace does (the same messages), except the
// trace-size limit, which does not apply; then fills out (n×d_v). A score hidden by the causal
// mask is never computed, so it cannot overflow. Every entry of a successful output is finite.
Status attention_output(Matrix& out, const Matrix& q, const Matrix& k, const Matrix& v,
                        const AttentionOptions& options = {});

namespace detail {
// attention_output, with the given advice on overflow (self-attention names X and the
// weights, as its trace does).
Status attention_output(Matrix& out, const Matrix& q, const Matrix& k, const Matrix& v,
                        const AttentionOptions& options, const OverflowAdvice& advice);
}  // namespace detail

}  // namespace attn
