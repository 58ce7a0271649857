#include "attention.hpp"

#include <cmath>
#include <limits>

#include "matmul.hpp"
#include "softmax_row.hpp"
#include "validate.hpp"

namespace attn {

Status parse_mask(const std::string& name, Mask& mask) {
    if (name == "none") { mask = Mask::none; return {}; }
    if (name == "causal") { mask = Mask::causal; return {}; }
    return Status::error(Code::bad_option, "unknown mask \"" + name + "\"; the mask must be \"none\" or \"causal\"")
        .about("mask");
}

const char* mask_name(Mask mask) { return mask == Mask::causal ? "causal" : "none"; }

float default_scale(std::size_t d_k) { return 1.0f / std::sqrt(static_cast<float>(d_k)); }

void project(Matrix& out, const Matrix& x, const Matrix& w) { kernels::matmul(out, x, w); }

void attention_scores(Matrix& scores, const Matrix& q, const Matrix& k) { kernels::matmul_bt(scores, q, k); }

void scale_scores(Matrix& scaled, const Matrix& scores, float scale, Mask mask) {
    const std::size_t n = rows(scores), m = cols(scores);
    scaled = Matrix::from_shape({n, m});
    for (std::size_t i = 0; i < n; ++i) {
        const float* in = row_ptr(scores, i);
        float* out = row_ptr(scaled, i);
        const std::size_t visible = visible_keys(i, m, mask);
        for (std::size_t j = 0; j < visible; ++j) out[j] = scale * in[j];
        for (std::size_t j = visible; j < m; ++j) out[j] = -std::numeric_limits<float>::infinity();
    }
}

void row_softmax(Matrix& weights, const Matrix& scaled, Mask mask) {
    const std::size_t n = rows(scaled), m = cols(scaled);
    weights = scaled;
    for (std::size_t i = 0; i < n; ++i) {
        float* row = row_ptr(weights, i);
        const std::size_t visible = visible_keys(i, m, mask);
        kernels::softmax_row(row, visible);
        for (std::size_t j = visible; j < m; ++j) row[j] = 0.0f;
    }
}

void row_softmax_parts(std::vector<float>& row_max, Matrix& exponentials, std::vector<float>& row_sum,
                       Matrix& weights, const Matrix& scaled, Mask mask) {
    const std::size_t n = rows(scaled), m = cols(scaled);
    exponentials = scaled;
    weights = Matrix::from_shape({n, m});
    row_max.assign(n, 0.0f);
    row_sum.assign(n, 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        float* e = row_ptr(exponentials, i);
        float* w = row_ptr(weights, i);
        const std::size_t visible = visible_keys(i, m, mask);
        const kernels::ShiftedExpRow parts = kernels::exp_shifted_row(e, visible);
        row_max[i] = parts.max;
        row_sum[i] = parts.sum;
        std::fill(e + visible, e + m, 0.0f);
        std::copy_n(e, m, w);
        kernels::scale_row(w, visible, 1.0f / parts.sum);
    }
}

void weighted_sum(Matrix& output, const Matrix& weights, const Matrix& v) { kernels::matmul(output, weights, v); }

std::size_t trace_floats(std::size_t n, std::size_t m, std::size_t d_v) { return 4 * n * m + 2 * n + n * d_v; }

Status check_options(const AttentionOptions& options) {
    if (options.scale && !std::isfinite(*options.scale))
        return Status::error(Code::not_finite,
                             "scale is " + describe_non_finite(*options.scale) + "; scale must be a finite number")
            .about("scale");
    return {};
}

namespace {
// check_attention_shapes, with (entries) or without the scan of the entries.
Status check_attention_matrices(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionOptions& options,
                                bool entries) {
    const auto check = entries ? check_matrix : check_matrix_size;
    if (Status s = check(q, "Q"); !s) return s;
    if (Status s = check(k, "K"); !s) return s;
    if (Status s = check(v, "V"); !s) return s;
    if (cols(k) != cols(q))
        return Status::error(Code::shape_mismatch, "K has " + count_of(cols(k), "column", "columns") + " but Q has " +
                                                       std::to_string(cols(q)) + "; Q\u00b7K\u1d40 needs equal widths")
            .at("K");
    if (rows(v) != rows(k))
        return Status::error(Code::shape_mismatch, "V has " + count_of(rows(v), "row", "rows") + " but K has " +
                                                       std::to_string(rows(k)) +
                                                       "; weights\u00b7V needs one value row per key")
            .at("V");
    if (options.mask == Mask::causal && rows(q) != rows(k))
        return Status::error(Code::shape_mismatch, "the causal mask needs as many queries as keys, but Q has " +
                                                       count_of(rows(q), "row", "rows") + " and K has " +
                                                       std::to_string(rows(k)))
            .about("mask");
    if (Status s = check_options(options); !s) return s;
    // The output (n×d_v) is as large as an input may be.
    return check_product_extent(rows(q), cols(v), "Q", "V", "the output");
}
}  // namespace

Status check_attention_shapes(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionOptions& options) {
    return check_attention_matrices(q, k, v, options, true);
}

Status check_attention_sizes(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionOptions& options) {
    return check_attention_matrices(q, k, v, options, false);
}

Status check_attention_inputs(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionOptions& options) {
    if (Status s = check_attention_shapes(q, k, v, options); !s) return s;
    const std::size_t n = rows(q), m = rows(k), floats = trace_floats(n, m, cols(v));
    if (floats > kMaxTraceFloats)
        return Status::error(Code::too_large, "Q has " + std::to_string(n) + " rows and K has " +
                                                  count_of(m, "row", "rows") + ": the trace would hold " +
                                                  std::to_string(floats) + " numbers, more than the " +
                                                  std::to_string(kMaxTraceFloats) + " supported; use fewer tokens")
            .at("Q");
    return {};
}

Status scores_overflow_error(std::size_t i, std::size_t j, float value, const std::string& advice) {
    const std::string row = std::to_string(i), col = std::to_string(j);
    return Status::error(Code::overflow, "scores[" + row + "][" + col + "] = Q row " + row + " \u00b7 K row " + col +
                                             " overflowed float32 (" + describe_non_finite(value) + "); " + advice);
}

Status check_output_finite(const Matrix& output, const std::string& advice) {
    std::size_t i = 0, j = 0;
    if (!find_non_finite(output, i, j)) return {};
    const std::string col = std::to_string(j);
    return Status::error(Code::overflow, "output[" + std::to_string(i) + "][" + col + "] = \u03a3 weights \u00d7 V column " +
                                             col + " overflowed float32 (" + describe_non_finite(output(i, j)) +
                                             "); " + advice);
}

Status scaled_scores_overflow_error(std::size_t i, std::size_t j) {
    return Status::error(Code::overflow, "scaled scores[" + std::to_string(i) + "][" + std::to_string(j) +
                                             "] overflowed float32; use a smaller scale")
        .about("scale");
}

Status detail::attention_trace(AttentionTrace& trace, const Matrix& q, const Matrix& k, const Matrix& v,
                               const AttentionOptions& options, const OverflowAdvice& advice) {
    if (Status s = check_attention_inputs(q, k, v, options); !s) return s;
    trace.scale = options.scale ? *options.scale : default_scale(cols(q));

    attention_scores(trace.scores, q, k);
    if (std::size_t i = 0, j = 0; find_non_finite(trace.scores, i, j))
        return scores_overflow_error(i, j, trace.scores(i, j), advice.scores);
    scale_scores(trace.scaled_scores, trace.scores, trace.scale, options.mask);
    for (std::size_t i = 0; i < rows(q); ++i) {
        const std::size_t visible = visible_keys(i, rows(k), options.mask);
        for (std::size_t j = 0; j < visible; ++j)
            if (!std::isfinite(trace.scaled_scores(i, j))) return scaled_scores_overflow_error(i, j);
    }
    row_softmax_parts(trace.row_max, trace.exponentials, trace.row_sum, trace.weights, trace.scaled_scores,
                      options.mask);
    // Each output row is a convex combination of V's rows, but its float32 sum can still pass
    // FLT_MAX when V's entries are near it (rounding, or several large products added first).
    weighted_sum(trace.output, trace.weights, v);
    return check_output_finite(trace.output, advice.output);
}

Status attention_trace(AttentionTrace& trace, const Matrix& q, const Matrix& k, const Matrix& v,
                       const AttentionOptions& options) {
    return detail::attention_trace(trace, q, k, v, options, OverflowAdvice{});
}

}  // namespace attn
