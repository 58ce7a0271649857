// self_attention_output (projections, the streaming path per head, concat, ·W_O) against
// self_attention_trace(...).output: random shapes (widths not multiples of the lane width,
// sequences across key blocks), 1, 2 and 8 heads, the causal mask, explicit scales, W_O
// absent and present; the trace's messages for every kind of bad input; sizes past the
// trace limit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "multi_head.hpp"
#include "self_attention_output.hpp"
#include "streaming_attention.hpp"
#include "random_inputs.hpp"

namespace {

using attn::Matrix;

using test_inputs::max_abs_diff;

test_inputs::Random rng(11);

Matrix random_matrix(std::size_t r, std::size_t c, float spread = 1.0f) { return rng.matrix(r, c, -spread, spread); }

// The message of each entry for the same input ("" when it succeeds).
std::string trace_message(const Matrix& x, const attn::SelfAttentionWeights& w, std::size_t heads,
                          const attn::AttentionOptions& options = {}) {
    attn::SelfAttentionTrace trace;
    return attn::self_attention_trace(trace, x, w, heads, options).message();
}

std::string output_message(const Matrix& x, const attn::SelfAttentionWeights& w, std::size_t heads,
                           const attn::AttentionOptions& options = {}) {
    Matrix out;
    return attn::self_attention_output(out, x, w, heads, options).message();
}

attn::SelfAttentionWeights random_weights(std::size_t d_in, std::size_t d_model, std::size_t d_vm,
                                          std::optional<std::size_t> d_out, float spread = 1.0f) {
    attn::SelfAttentionWeights w{random_matrix(d_in, d_model, spread), random_matrix(d_in, d_model, spread),
                                 random_matrix(d_in, d_vm, spread), std::nullopt};
    if (d_out) w.wo = random_matrix(d_vm, *d_out, spread);
    return w;
}

}  // namespace

TEST_CASE("self_attention_output equals self_attention_trace(...).output", "[self_attention_output]") {
    float worst = 0.0f;
    for (int trial = 0; trial < 60; ++trial) {
        const std::size_t heads = std::vector<std::size_t>{1, 2, 8}[trial % 3];
        const bool causal = trial % 4 == 1, with_wo = trial % 2 == 0;
        const std::size_t n = rng.size(1, trial % 5 == 3 ? 300 : 40);  // 300: across key blocks of 256
        const std::size_t d_in = rng.size(1, 37), d_model = heads * rng.size(1, 9),
                          d_vm = heads * rng.size(1, 9);
        const Matrix x = random_matrix(n, d_in);
        const attn::SelfAttentionWeights w =
            random_weights(d_in, d_model, d_vm, with_wo ? std::optional<std::size_t>(rng.size(1, 23)) : std::nullopt,
                           0.5f);
        attn::AttentionOptions options;
        options.mask = causal ? attn::Mask::causal : attn::Mask::none;
        if (trial % 5 == 2) options.scale = 0.3f;
        attn::SelfAttentionTrace trace;
        REQUIRE(attn::self_attention_trace(trace, x, w, heads, options));
        Matrix out;
        REQUIRE(attn::self_attention_output(out, x, w, heads, options));
        const float difference = max_abs_diff(out, trace.output);
        INFO("trial " << trial << ": n " << n << ", d_in " << d_in << ", d_model " << d_model << ", d_vm " << d_vm
                      << ", heads " << heads << (causal ? ", causal" : "") << (with_wo ? ", W_O" : ""));
        CHECK(difference <= 1e-5f);
        worst = std::max(worst, difference);
    }
    std::cout << "self_attention_output vs self_attention_trace: max |difference| " << worst << "\n";
}

TEST_CASE("self_attention_output with 8 heads at d_model = 64 equals the trace", "[self_attention_output]") {
    for (const bool causal : {false, true}) {
        const Matrix x = random_matrix(100, 64);
        const attn::SelfAttentionWeights w = random_weights(64, 64, 64, 64, 0.125f);
        attn::AttentionOptions options;
        options.mask = causal ? attn::Mask::causal : attn::Mask::none;
        attn::SelfAttentionTrace trace;
        REQUIRE(attn::self_attention_trace(trace, x, w, 8, options));
        Matrix out;
        REQUIRE(attn::self_attention_output(out, x, w, 8, options));
        CHECK(max_abs_diff(out, trace.output) <= 1e-5f);
    }
}

TEST_CASE("self_attention_output gives the messages of self_attention_trace", "[self_attention_output]") {
    const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
    const Matrix x = random_matrix(5, 4);
    const attn::SelfAttentionWeights good = random_weights(4, 4, 4, 3);
    std::vector<std::pair<Matrix, attn::SelfAttentionWeights>> inputs;
    std::vector<std::size_t> heads;
    std::vector<attn::AttentionOptions> options;
    const auto add = [&](const Matrix& xc, const attn::SelfAttentionWeights& w, std::size_t h,
                         attn::AttentionOptions o = {}) {
        inputs.emplace_back(xc, w);
        heads.push_back(h);
        options.push_back(o);
    };
    add(Matrix::from_shape({0, 4}), good, 2);                       // empty X
    { auto w = good; w.wq = Matrix::from_shape({4, 0}); add(x, w, 2); }  // empty W_Q
    { Matrix xc = x; xc(2, 3) = nan; add(xc, good, 2); }              // NaN in X
    { auto w = good; w.wk(3, 0) = -inf; add(x, w, 2); }               // −∞ in W_K
    { auto w = good; (*w.wo)(0, 1) = nan; add(x, w, 2); }             // NaN in W_O
    { auto w = good; w.wv = random_matrix(3, 4); add(x, w, 2); }      // W_V rows ≠ columns of X
    { auto w = good; w.wk = random_matrix(4, 6); add(x, w, 2); }      // W_K wider than W_Q
    add(x, good, 0);                                                  // no heads
    add(x, good, 3);                                                  // 3 does not divide 4
    add(x, good, attn::kMaxHeads + 1);                                // too many heads
    { auto w = good; w.wv = random_matrix(4, 6); w.wo = random_matrix(6, 2); add(x, w, 4); }  // 4 ∤ 6
    { auto w = good; w.wo = random_matrix(5, 3); add(x, w, 2); }      // W_O rows ≠ d_vm
    { attn::AttentionOptions o; o.scale = inf; add(x, good, 2, o); }  // infinite scale
    const Matrix ones = xt::ones<float>({5, 4});
    { auto w = good; w.wq.fill(1e38f); add(ones, w, 2); }             // Q = X·W_Q overflows (4·10³⁸)
    { auto w = good; w.wv.fill(1e38f); add(ones, w, 2); }             // V = X·W_V overflows
    { auto w = good; (*w.wo).fill(3e38f); w.wv.fill(1.0f); add(ones, w, 2); }  // concat·W_O overflows
    { auto w = good; w.wq.fill(1e19f); w.wk.fill(1e19f); add(ones, w, 2); }  // head scores overflow
    { auto w = good; w.wq.fill(1e18f); w.wk.fill(1e18f); attn::AttentionOptions o; o.scale = 1e30f;
      add(ones, w, 2, o); }               // scaled scores overflow
    for (std::size_t c = 0; c < inputs.size(); ++c) {
        const std::string expected = trace_message(inputs[c].first, inputs[c].second, heads[c], options[c]);
        INFO("case " << c << ": " << expected);
        CHECK(!expected.empty());
        CHECK(output_message(inputs[c].first, inputs[c].second, heads[c], options[c]) == expected);
    }
    CHECK(output_message(x, good, 2).empty());
}

TEST_CASE("self_attention_output runs past the trace limit", "[self_attention_output]") {
    const std::size_t n = 2500, d = 16;
    const Matrix x = random_matrix(n, d);
    const attn::SelfAttentionWeights w = random_weights(d, d, d, d, 0.25f);
    REQUIRE(trace_message(x, w, 8).find("the trace would hold") != std::string::npos);
    Matrix out;
    REQUIRE(attn::self_attention_output(out, x, w, 8));
    REQUIRE(attn::rows(out) == n);
    REQUIRE(attn::cols(out) == d);
    // One head against the streaming path on its own columns (heads = 1: Q = X·W_Q whole).
    attn::SelfAttentionWeights one = w;
    one.wo.reset();
    Matrix one_head;
    REQUIRE(attn::self_attention_output(one_head, x, one, 1));
    Matrix q, k, v, expected;
    attn::project(q, x, w.wq);
    attn::project(k, x, w.wk);
    attn::project(v, x, w.wv);
    REQUIRE(attn::attention_output(expected, q, k, v));
    CHECK(max_abs_diff(one_head, expected) == 0.0f);
}
