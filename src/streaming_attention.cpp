#include "streaming_attention.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "gemm.hpp"
#include "thread_pool.hpp"
#include "softmax_row.hpp"

namespace attn {
namespace {

// Kᵀ packed block by block: key block b (keys j0 = b·kKeyBlock … j0 + width) is a d_k×width
// row-major matrix at packed[j0·d_k], so each block's product is over contiguous memory.
std::vector<float> pack_keys_transposed(const Matrix& k) {
    const std::size_t m = rows(k), d = cols(k);
    std::vector<float> packed(m * d);
    for (std::size_t j0 = 0; j0 < m; j0 += kKeyBlock) {
        const std::size_t width = std::min(kKeyBlock, m - j0);
        kernels::transpose(packed.data() + j0 * d, width, row_ptr(k, j0), d, width, d);
    }
    return packed;
}

// The first overflowing score of query rows [i0, i1) in row-major order, with the trace's
// message: rows before i0 are known to be finite. Each score is recomputed by the same kernel,
// so it has the same bits as when the overflow was seen.
Status locate_overflow(const Matrix& q, const std::vector<float>& kt, std::size_t m, float scale, Mask mask,
                       std::size_t i0, std::size_t i1, const std::string& overflow_advice) {
    const std::size_t d = cols(q);
    std::vector<float> score(kKeyBlock);
    for (std::size_t i = i0; i < i1; ++i) {
        const std::size_t visible = visible_keys(i, m, mask);
        for (std::size_t j0 = 0; j0 < visible; j0 += kKeyBlock) {
            const std::size_t width = std::min(kKeyBlock, m - j0), used = std::min(width, visible - j0);
            std::fill(score.begin(), score.end(), 0.0f);
            kernels::gemm_acc_fused(score.data(), width, row_ptr(q, i), d, kt.data() + j0 * d, width, 1, d, width);
            for (std::size_t j = 0; j < used; ++j) {
                if (!std::isfinite(score[j]))
                    return scores_overflow_error(i, j0 + j, score[j], overflow_advice);
                if (!std::isfinite(scale * score[j])) return scaled_scores_overflow_error(i, j0 + j);
            }
        }
    }
    return scaled_scores_overflow_error(i0, 0);  // not reached: the caller saw a non-finite score here
}

}  // namespace

std::size_t query_block_rows(std::size_t m, std::size_t d_k, std::size_t d_v) {
    return m * (d_k + d_v) * sizeof(float) <= kKeyValueCacheBytes ? kQueryBlock : kLargeQueryBlock;
}

Status attention_output(Matrix& out, const Matrix& q, const Matrix& k, const Matrix& v,
                        const AttentionOptions& options) {
    static const OverflowAdvice advice;  // built once: its messages are the same every call
    return detail::attention_output(out, q, k, v, options, advice);
}

Status detail::attention_output(Matrix& out, const Matrix& q, const Matrix& k, const Matrix& v,
                                const AttentionOptions& options, const OverflowAdvice& advice) {
    return attention_output_blocks(out, q, k, v, options, advice,
                                   query_block_rows(rows(k), cols(k), cols(v)));
}

namespace {

// Query rows [i_begin, i_end) in blocks of query_block rows (i_begin is a block start), with
// scores (query_block×kKeyBlock floats) as this caller's own scratch. Rows of out start at 0.
Status attend_query_rows(Matrix& out, const Matrix& q, const std::vector<float>& kt, const Matrix& v,
                         const AttentionOptions& options, float scale, const std::string& overflow_advice,
                         std::size_t query_block, std::size_t i_begin, std::size_t i_end, float* scores) {
    const std::size_t m = rows(v), d = cols(q), d_v = cols(v);
    float running_max[kLargeQueryBlock];
    float running_sum[kLargeQueryBlock];

    for (std::size_t i0 = i_begin; i0 < i_end; i0 += query_block) {
        const std::size_t i1 = std::min(i_end, i0 + query_block), block_rows = i1 - i0;
        std::fill_n(running_max, block_rows, -INFINITY);
        std::fill_n(running_sum, block_rows, 0.0f);
        // Under the causal mask the last row of the block sees keys 0 … i1 − 1.
        const std::size_t key_end = options.mask == Mask::causal ? std::min(m, i1) : m;
        for (std::size_t j0 = 0; j0 < key_end; j0 += kKeyBlock) {
            const std::size_t stride = std::min(kKeyBlock, m - j0);  // row stride of Kᵀ's block
            const std::size_t width = std::min(stride, key_end - j0);
            // scores (block_rows×width) = Q[i0:i1] · Kᵀ[:, j0:j0+width]
            std::fill_n(scores, block_rows * width, 0.0f);
            kernels::gemm_acc_fused(scores, width, row_ptr(q, i0), d, kt.data() + j0 * d, stride, block_rows, d,
                                    width);
            for (std::size_t r = 0; r < block_rows; ++r) {
                const std::size_t i = i0 + r;
                float* s = scores + r * width;
                const std::size_t visible_all = visible_keys(i, m, options.mask);
                const std::size_t visible = visible_all > j0 ? std::min(width, visible_all - j0) : 0;
                std::fill(s + visible, s + width, 0.0f);  // masked: weight 0
                if (visible == 0) continue;
                const kernels::ScaledRowMax scaled = kernels::scale_row_max(s, visible, scale);
                if (!scaled.all_finite) return locate_overflow(q, kt, m, scale, options.mask, i0, i1, overflow_advice);
                const float new_max = std::max(running_max[r], scaled.max);
                const float correction = std::exp(running_max[r] - new_max);  // 0 on the first block
                const float block_sum = kernels::exp_shift_sum(s, visible, new_max);
                if (running_sum[r] > 0.0f && correction != 1.0f) kernels::scale_row(row_ptr(out, i), d_v, correction);
                running_sum[r] = running_sum[r] * correction + block_sum;
                running_max[r] = new_max;
            }
            // out[i0:i1] += p (block_rows×width) · V[j0:j0+width]
            kernels::gemm_acc_fused(row_ptr(out, i0), d_v, scores, width, row_ptr(v, j0), d_v, block_rows, width, d_v);
        }
        for (std::size_t r = 0; r < block_rows; ++r) kernels::scale_row(row_ptr(out, i0 + r), d_v, 1.0f / running_sum[r]);
    }
    return {};
}

}  // namespace

std::vector<std::size_t> split_query_blocks(std::size_t n, std::size_t m, Mask mask, std::size_t query_block,
                                            std::size_t parts) {
    query_block = std::max<std::size_t>(query_block, 1);
    const std::size_t blocks = (n + query_block - 1) / query_block;
    parts = std::clamp<std::size_t>(parts, 1, std::max<std::size_t>(blocks, 1));
    // cost[b]: the scores block b computes, rows × keys it visits (fewer near the top when causal).
    std::vector<double> ends(blocks + 1, 0.0);
    for (std::size_t b = 0; b < blocks; ++b) {
        const std::size_t i0 = b * query_block, i1 = std::min(n, i0 + query_block);
        const std::size_t keys = mask == Mask::causal ? std::min(m, i1) : m;
        ends[b + 1] = ends[b] + double(i1 - i0) * double(std::max<std::size_t>(keys, 1));
    }
    std::vector<std::size_t> bounds{0};
    std::size_t b = 0;
    for (std::size_t p = 1; p < parts; ++p) {
        const double target = ends[blocks] * double(p) / double(parts);
        // the first block end at or past the target, leaving at least one block to each later part
        while (b < blocks && ends[b] < target) ++b;
        b = std::clamp<std::size_t>(b, bounds.size(), blocks - (parts - p));
        bounds.push_back(b * query_block);
    }
    bounds.push_back(n);
    return bounds;
}

bool worth_threads(std::size_t n, std::size_t m, std::size_t d_k, std::size_t d_v) {
    return double(n) * double(m) * double(d_k + d_v) >= kThreadedMinWork;
}

Status detail::attention_output_blocks(Matrix& out, const Matrix& q, const Matrix& k, const Matrix& v,
                                       const AttentionOptions& options, const OverflowAdvice& advice,
                                       std::size_t query_block) {
    query_block = std::clamp<std::size_t>(query_block, 1, kLargeQueryBlock);
    // The entries are not scanned before the work: a NaN or ±∞ in Q, K or V makes a checked
    // score or an output entry non-finite (each row of Q meets key 0, each key and value row
    // meets query row n − 1, under either mask; 0·∞ is NaN), and then check_attention_shapes
    // names it, as it would have first.
    if (!check_attention_sizes(q, k, v, options)) return check_attention_shapes(q, k, v, options);
    const std::size_t n = rows(q), m = rows(k), d = cols(q), d_v = cols(v);
    const float scale = options.scale ? *options.scale : default_scale(d);
    const std::vector<float> kt = pack_keys_transposed(k);  // shared, read-only, by every thread

    out.resize(Matrix::shape_type{n, d_v});  // keeps out's storage when it has n·d_v entries already
    out.fill(0.0f);
    ThreadPool* pool = options.pool && worth_threads(n, m, d, d_v) ? options.pool : nullptr;
    const std::vector<std::size_t> bounds =
        split_query_blocks(n, m, options.mask, query_block, pool ? pool->size() : 1);
    const std::size_t parts = bounds.size() - 1;
    // Each part's block of scores, no larger than the call needs, all made before any part starts.
    const std::size_t score_floats = std::min(n, query_block) * std::min(m, kKeyBlock);
    std::vector<float> scores(parts * score_floats);
    std::vector<Status> statuses(parts);
    const auto attend_part = [&](std::size_t p) {
        statuses[p] = attend_query_rows(out, q, kt, v, options, scale, advice.scores, query_block, bounds[p],
                                        bounds[p + 1], scores.data() + p * score_floats);
    };
    if (pool)
        pool->run(parts, attend_part);
    else
        attend_part(0);
    // Parts hold increasing rows, and each part stops at its first overflowing row: the first
    // failing part names the first overflow in row-major order, as one thread would.
    Status result;
    for (const Status& s : statuses)
        if (!s) {
            result = s;
            break;
        }
    // The unnormalised rows o_i (Σ p_ij·V[j], each p_ij ≤ 1) can pass FLT_MAX when V's entries
    // are near it, even where the normalised output would not.
    if (result) result = check_output_finite(out, advice.output);
    if (!result)
        if (Status inputs = check_attention_shapes(q, k, v, options); !inputs) return inputs;
    return result;
}

}  // namespace attn
