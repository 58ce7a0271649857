#include "multi_head.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "validate.hpp"

namespace attn {

void take_columns(Matrix& out, const Matrix& m, std::size_t first, std::size_t count) {
    out = Matrix::from_shape({rows(m), count});
    for (std::size_t i = 0; i < rows(m); ++i) std::copy_n(row_ptr(m, i) + first, count, row_ptr(out, i));
}

void concat_columns(Matrix& out, const std::vector<const Matrix*>& parts) {
    const std::size_t n = rows(*parts.front());
    std::size_t width = 0;
    for (const Matrix* part : parts) width += cols(*part);
    out = Matrix::from_shape({n, width});
    for (std::size_t i = 0; i < n; ++i) {
        float* dst = row_ptr(out, i);
        for (const Matrix* part : parts) dst = std::copy_n(row_ptr(*part, i), cols(*part), dst);
    }
}

static std::string divisors_of(std::size_t n) {
    std::string list;
    std::size_t shown = 0;
    for (std::size_t d = 1; d <= n && shown < 8; ++d)
        if (n % d == 0) {
            list += (shown ? ", " : "") + std::to_string(d);
            ++shown;
        }
    return list;
}

Status check_heads(std::size_t heads, std::size_t d_model, std::size_t d_vm, const std::string& q_source,
                   const std::string& v_source, const std::string& q_width_name) {
    if (heads == 0)
        return Status::error(Code::bad_option, "heads is 0; it must be a whole number of at least 1").about("heads");
    if (heads > kMaxHeads)
        return Status::error(Code::too_large, "heads is " + std::to_string(heads) + "; at most " +
                                                  std::to_string(kMaxHeads) + " are supported")
            .about("heads");
    if (d_model % heads == 0 && d_vm % heads == 0) return {};
    const std::string q_width = q_width_name + " = " + std::to_string(d_model);
    const std::string width = d_model % heads != 0 ? q_width + " (the width of " + q_source + ")"
                                                   : std::to_string(d_vm) + " (the width of " + v_source + ")";
    const std::string need = d_model == d_vm ? "the number of heads must divide it, e.g. " + divisors_of(d_model)
                                             : "the number of heads must divide both " + q_width + " (" + q_source +
                                                   ") and " + std::to_string(d_vm) + " (" + v_source + "), e.g. " +
                                                   divisors_of(std::gcd(d_model, d_vm));
    return Status::error(Code::heads_not_divisor,
                         count_of(heads, "head does", "heads do") + " not divide " + width + "; " + need)
        .about("heads");
}

// Floats held by a multi-head trace over n queries and m keys: per head its column copies
// and its attention trace, then the concatenation.
static std::size_t multi_head_floats(std::size_t n, std::size_t m, std::size_t d_model, std::size_t d_vm,
                                     std::size_t heads) {
    const std::size_t d_k = d_model / heads, d_v = d_vm / heads;
    return heads * (n * d_k + m * d_k + m * d_v + trace_floats(n, m, d_v)) + n * d_vm;
}

// A trace of `floats` numbers is refused above kMaxTraceFloats, naming the matrix `rows_of`
// (Q or X) whose `n` rows, with the heads, set its size.
static Status check_trace_floats(std::size_t floats, const char* rows_of, std::size_t n, std::size_t heads) {
    if (floats <= kMaxTraceFloats) return {};
    return Status::error(Code::too_large, std::string(rows_of) + " has " + std::to_string(n) + " rows and there " +
                                              (heads == 1 ? "is " : "are ") + count_of(heads, "head", "heads") +
                                              ": the trace would hold " + std::to_string(floats) +
                                              " numbers, more than the " + std::to_string(kMaxTraceFloats) +
                                              " supported; use fewer tokens or heads")
        .at(rows_of);
}

Status check_multi_head_inputs(const Matrix& q, const Matrix& k, const Matrix& v, std::size_t heads,
                               const AttentionOptions& options) {
    if (Status s = check_attention_inputs(q, k, v, options); !s) return s;
    if (Status s = check_heads(heads, cols(q), cols(v), "Q", "V", "d_k"); !s) return s;
    return check_trace_floats(multi_head_floats(rows(q), rows(k), cols(q), cols(v), heads), "Q", rows(q), heads);
}

OverflowAdvice self_attention_advice() {
    return {overflow_advice("X, W_Q or W_K"), overflow_advice("X or W_V")};
}

// Split Q, K, V into heads, attend per head, concatenate the heads' outputs.
static Status split_attend_concat(MultiHeadTrace& trace, const Matrix& q, const Matrix& k, const Matrix& v,
                                  std::size_t heads, const AttentionOptions& options, const OverflowAdvice& advice) {
    const std::size_t d_k = cols(q) / heads, d_v = cols(v) / heads;
    trace.heads.assign(heads, HeadTrace{});
    std::vector<const Matrix*> outputs;
    for (std::size_t h = 0; h < heads; ++h) {
        HeadTrace& head = trace.heads[h];
        take_columns(head.q, q, h * d_k, d_k);
        take_columns(head.k, k, h * d_k, d_k);
        take_columns(head.v, v, h * d_v, d_v);
        if (Status s = detail::attention_trace(head.attention, head.q, head.k, head.v, options, advice); !s)
            return s.prefixed("head " + std::to_string(h) + ": ");
        outputs.push_back(&head.attention.output);
    }
    concat_columns(trace.concat, outputs);
    return {};
}

Status multi_head_trace(MultiHeadTrace& trace, const Matrix& q, const Matrix& k, const Matrix& v, std::size_t heads,
                        const AttentionOptions& options) {
    if (Status s = check_multi_head_inputs(q, k, v, heads, options); !s) return s;
    return split_attend_concat(trace, q, k, v, heads, options, OverflowAdvice{});
}

Status check_self_attention_shapes(const Matrix& x, const SelfAttentionWeights& w, std::size_t heads,
                                   const AttentionOptions& options) {
    if (Status s = check_matrix(x, "X"); !s) return s;
    if (Status s = check_matrix(w.wq, "W_Q"); !s) return s;
    if (Status s = check_matrix(w.wk, "W_K"); !s) return s;
    if (Status s = check_matrix(w.wv, "W_V"); !s) return s;
    if (w.wo) {
        if (Status s = check_matrix(*w.wo, "W_O"); !s) return s;
    }
    const std::size_t d_in = cols(x);
    const auto rows_match_x = [&](const Matrix& w_matrix, const char* w_name) -> Status {
        if (rows(w_matrix) == d_in) return {};
        return Status::error(Code::shape_mismatch, std::string(w_name) + " has " +
                                                       count_of(rows(w_matrix), "row", "rows") + " but X has " +
                                                       count_of(d_in, "column", "columns") + "; X\u00b7" + w_name +
                                                       " needs one row of " + w_name + " per column of X")
            .at(w_name);
    };
    if (Status s = rows_match_x(w.wq, "W_Q"); !s) return s;
    if (Status s = rows_match_x(w.wk, "W_K"); !s) return s;
    if (Status s = rows_match_x(w.wv, "W_V"); !s) return s;
    if (cols(w.wk) != cols(w.wq))
        return Status::error(Code::shape_mismatch, "W_K has " + count_of(cols(w.wk), "column", "columns") +
                                                       " but W_Q has " + std::to_string(cols(w.wq)) +
                                                       "; Q\u00b7K\u1d40 needs Q and K of equal widths")
            .at("W_K");
    const std::size_t d_model = cols(w.wq), d_vm = cols(w.wv);
    if (Status s = check_heads(heads, d_model, d_vm, "W_Q", "W_V", "d_model"); !s) return s;
    if (w.wo && rows(*w.wo) != d_vm)
        return Status::error(Code::shape_mismatch, "W_O has " + count_of(rows(*w.wo), "row", "rows") +
                                                       " but the heads' concatenation has " +
                                                       count_of(d_vm, "column", "columns") +
                                                       " (the width of W_V); concat\u00b7W_O needs them equal")
            .at("W_O");
    if (Status s = check_options(options); !s) return s;
    // The intermediates X·W_Q, X·W_K (n×d_model), X·W_V and the concatenation (n×d_vm) and the
    // output (n×d_out) are bounded as inputs are, before anything is allocated.
    const std::size_t n = rows(x);
    if (Status s = check_product_extent(n, d_model, "X", "W_Q", "X\u00b7W_Q"); !s) return s;
    if (Status s = check_product_extent(n, d_vm, "X", "W_V", "X\u00b7W_V"); !s) return s;
    if (w.wo) return check_product_extent(n, cols(*w.wo), "X", "W_O", "the output");
    return {};
}

Status check_self_attention_inputs(const Matrix& x, const SelfAttentionWeights& w, std::size_t heads,
                                   const AttentionOptions& options) {
    if (Status s = check_self_attention_shapes(x, w, heads, options); !s) return s;
    const std::size_t n = rows(x), d_model = cols(w.wq), d_vm = cols(w.wv);
    // Q, K, V, then the heads (see multi_head_floats) and the output.
    const std::size_t d_out = w.wo ? cols(*w.wo) : d_vm;
    const std::size_t floats = 2 * n * d_model + n * d_vm + multi_head_floats(n, n, d_model, d_vm, heads) + n * d_out;
    return check_trace_floats(floats, "X", n, heads);
}

Status self_attention_trace(SelfAttentionTrace& trace, const Matrix& x, const SelfAttentionWeights& w,
                            std::size_t heads, const AttentionOptions& options) {
    if (Status s = check_self_attention_inputs(x, w, heads, options); !s) return s;
    const std::string advice = projection_overflow_advice();
    project(trace.q, x, w.wq);
    if (Status s = check_finite_result(trace.q, "Q", "X\u00b7W_Q", advice); !s) return s;
    project(trace.k, x, w.wk);
    if (Status s = check_finite_result(trace.k, "K", "X\u00b7W_K", advice); !s) return s;
    project(trace.v, x, w.wv);
    if (Status s = check_finite_result(trace.v, "V", "X\u00b7W_V", advice); !s) return s;

    MultiHeadTrace multi_head;
    if (Status s = split_attend_concat(multi_head, trace.q, trace.k, trace.v, heads, options, self_attention_advice());
        !s)
        return s;
    trace.heads = std::move(multi_head.heads);
    trace.concat = std::move(multi_head.concat);
    if (w.wo) {
        project(trace.output, trace.concat, *w.wo);
        return check_finite_result(trace.output, "output", "concat\u00b7W_O", advice);
    }
    trace.output = trace.concat;
    return {};
}

}  // namespace attn
