#include "self_attention_output.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "streaming_attention.hpp"
#include "validate.hpp"

namespace attn {

Status self_attention_output(Matrix& out, const Matrix& x, const SelfAttentionWeights& w, std::size_t heads,
                             const AttentionOptions& options) {
    if (Status s = check_self_attention_shapes(x, w, heads, options); !s) return s;
    // The messages of self_attention_trace.
    const std::string advice = projection_overflow_advice();
    Matrix q, k, v;
    project(q, x, w.wq);
    if (Status s = check_finite_result(q, "Q", "X\u00b7W_Q", advice); !s) return s;
    project(k, x, w.wk);
    if (Status s = check_finite_result(k, "K", "X\u00b7W_K", advice); !s) return s;
    project(v, x, w.wv);
    if (Status s = check_finite_result(v, "V", "X\u00b7W_V", advice); !s) return s;

    const std::size_t n = rows(x), d_k = cols(q) / heads, d_v = cols(v) / heads;
    // concat (n×d_vm): head h's output goes to columns [h·d_v, (h+1)·d_v).
    Matrix concat = Matrix::from_shape({n, cols(v)});
    Matrix q_h, k_h, v_h, out_h;
    for (std::size_t h = 0; h < heads; ++h) {
        take_columns(q_h, q, h * d_k, d_k);
        take_columns(k_h, k, h * d_k, d_k);
        take_columns(v_h, v, h * d_v, d_v);
        if (Status s = detail::attention_output(out_h, q_h, k_h, v_h, options, self_attention_advice()); !s)
            return s.prefixed("head " + std::to_string(h) + ": ");
        for (std::size_t i = 0; i < n; ++i) std::copy_n(row_ptr(out_h, i), d_v, row_ptr(concat, i) + h * d_v);
    }
    if (w.wo) {
        project(out, concat, *w.wo);
        return check_finite_result(out, "output", "concat\u00b7W_O", advice);
    }
    out = std::move(concat);
    return {};
}

}  // namespace attn
