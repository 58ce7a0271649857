// streaming_attention.hpp — the output of scaled dot-product attention alone, without the
// n×m matrices of the trace (FlashAttention-style online softmax):
//
//   output (n×d_v) = softmax_rows(scale · Q·Kᵀ, causal mask) · V
//
// Queries go in blocks of query_block_rows(…) rows, keys in blocks of kKeyBlock. Per query row i it
// keeps a running maximum m_i, a running sum l_i and an unnormalised output row o_i; for each
// key block B with scaled scores s_ij (j ∈ B, visible):
//   m' = max(m_i, max_j s_ij);  c = exp(m_i − m');  p_ij = exp(s_ij − m')
//   l_i ← c·l_i + Σ_j p_ij;     o_i ← c·o_i + Σ_j p_ij · V[j];  m_i ← m'
// and at the end output row i = o_i / l_i. Memory: the output, Kᵀ packed by key block (d_k×m),
// one block of at most kLargeQueryBlock×kKeyBlock scores and 2 numbers per query: O(n·d + block²).
// With options.pool, contiguous ranges of query blocks go to the pool's threads, which share
// Kᵀ (packed once) and each hold their own block of scores: O(n·d + threads·block²).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "attention.hpp"
#include "matrix.hpp"
#include "status.hpp"

namespace attn {

constexpr std::size_t kQueryBlock = 32;        // query rows per block while K and V stay in cache
constexpr std::size_t kLargeQueryBlock = 512;  // … and once they do not
constexpr std::size_t kKeyBlock = 256;
constexpr std::size_t kKeyValueCacheBytes = 512 * 1024;

// Query rows per block for m keys of width d_k and values of width d_v: every query block
// reads all of Kᵀ and V (m·(d_k + d_v) floats). While they fit in kKeyValueCacheBytes (half
// a core's L2 on the machine measured), blocks of kQueryBlock rows keep the score block in L1;
// past that, blocks of kLargeQueryBlock rows read K and V from the outer cache 16 times less
// often (128-row blocks, and 32-row sub-blocks of 512, were measured slower). Each output
// row's sums run over the same key blocks in the same order whatever the query block, so the
// block size changes no bit of the result.
std::size_t query_block_rows(std::size_t m, std::size_t d_k, std::size_t d_v);

// Calls with n·m·(d_k + d_v) below 2·128³ (n = m = 181 at d = 64) stay on the calling thread.
// Measured one thread → two at d = 64 (2 cores, load average 3): natively n = 128 0.96×,
// n = 160 1.47×, n = 192 1.45×; WebAssembly SIMD128 in Node n = 128 0.84×, n = 160 0.97×,
// n = 192 1.24–1.29×, n = 1024 1.83× (waking a worker costs more there).
constexpr double kThreadedMinWork = 2.0 * 128.0 * 128.0 * 128.0;
bool worth_threads(std::size_t n, std::size_t m, std::size_t d_k, std::size_t d_v);

// The query rows of each of at most `parts` threads, as bounds 0 = b_0 < b_1 < … < b_P = n:
// part p takes rows [b_p, b_p+1), whole blocks of query_block rows, each part at least one
// block, with about equal numbers of scores per part (the causal mask makes later rows dearer).
// Each output row is computed by one part alone, with the same sums as on one thread.
std::vector<std::size_t> split_query_blocks(std::size_t n, std::size_t m, Mask mask, std::size_t query_block,
                                            std::size_t parts);

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
// The same with query blocks of query_block rows (1 … kLargeQueryBlock; tests compare sizes).
Status attention_output_blocks(Matrix& out, const Matrix& q, const Matrix& k, const Matrix& v,
                               const AttentionOptions& options, const OverflowAdvice& advice,
                               std::size_t query_block);
}  // namespace detail

}  // namespace attn
