// Properties every correct attention has, whatever the numbers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "attention.hpp"
#include "multi_head.hpp"
#include "softmax_row.hpp"
#include "random_inputs.hpp"

namespace {

attn::Matrix random_matrix(std::size_t r, std::size_t c, unsigned seed, float lo = -1.5f, float hi = 1.5f) {
    std::mt19937 generator(seed);
    return test_inputs::random_matrix(generator, r, c, lo, hi);
}

// Bit-for-bit equality of shape and every entry.
bool identical(const attn::Matrix& a, const attn::Matrix& b) {
    return a.shape() == b.shape() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace

TEST_CASE("softmax rows sum to 1 and lie in [0, 1]", "[properties]") {
    for (std::size_t n : {1u, 2u, 3u, 7u, 16u, 33u, 67u}) {
        attn::AttentionTrace trace;
        REQUIRE(attn::attention_trace(trace, random_matrix(n, 5, n), random_matrix(n + 2, 5, n + 1),
                                      random_matrix(n + 2, 3, n + 2))
                    .ok());
        for (std::size_t i = 0; i < n; ++i) {
            double sum = 0.0;
            for (std::size_t j = 0; j < n + 2; ++j) {
                REQUIRE(trace.weights(i, j) >= 0.0f);
                REQUIRE(trace.weights(i, j) <= 1.0f);
                sum += trace.weights(i, j);
            }
            INFO("n = " << n << ", row " << i);
            REQUIRE(sum == Approx(1.0).margin(1e-6));
        }
    }
}

TEST_CASE("softmax(x + c) = softmax(x)", "[properties]") {
    for (std::size_t n : {1u, 3u, 4u, 5u, 8u, 31u, 67u}) {
        std::mt19937 generator{static_cast<unsigned>(n)};
        std::uniform_real_distribution<float> dist(-3.0f, 3.0f);
        std::vector<float> x(n);
        for (float& value : x) value = dist(generator);
        for (float c : {-1000.0f, -7.5f, 0.25f, 50.0f, 1000.0f}) {
            std::vector<float> base = x, shifted = x;
            for (float& value : shifted) value += c;
            attn::kernels::softmax_row(base.data(), n);
            attn::kernels::softmax_row(shifted.data(), n);
            for (std::size_t j = 0; j < n; ++j) {
                INFO("n = " << n << ", c = " << c << ", j = " << j);
                // x + c rounds x to float32's spacing at |c|, so allow that much.
                REQUIRE(shifted[j] == Approx(base[j]).margin(1e-4 * std::max(1.0f, std::fabs(c) / 64.0f)));
            }
        }
    }
}

TEST_CASE("scores of +-1e4 neither overflow nor give NaN", "[properties]") {
    // Q·Kᵀ entries of ±1e4 (and scaled ±7071): a naive exp would overflow to Inf and give NaN.
    const attn::Matrix q = {{100.0f, 0.0f}, {-100.0f, 0.0f}, {0.0f, 100.0f}};
    const attn::Matrix k = {{100.0f, 0.0f}, {-100.0f, 0.0f}, {0.0f, -100.0f}};
    const attn::Matrix v = {{1.0f, 2.0f}, {3.0f, 4.0f}, {5.0f, 6.0f}};
    for (auto options : {attn::AttentionOptions{}, attn::AttentionOptions{attn::Mask::none, 1.0f}}) {
        attn::AttentionTrace trace;
        REQUIRE(attn::attention_trace(trace, q, k, v, options).ok());
        REQUIRE(trace.scores(0, 0) == 1e4f);
        REQUIRE(trace.scores(0, 1) == -1e4f);
        for (float w : trace.weights) REQUIRE(std::isfinite(w));
        for (float o : trace.output) REQUIRE(std::isfinite(o));
        REQUIRE(trace.weights(0, 0) == 1.0f);  // e^0 / (e^0 + e^-2e4 + e^-1e4)
        REQUIRE(trace.weights(0, 1) == 0.0f);
        REQUIRE(trace.weights(1, 1) == 1.0f);
        REQUIRE(trace.output(0, 0) == 1.0f);
        REQUIRE(trace.output(1, 1) == 4.0f);
        // Row 2 scores [0, 0, −1e4]: two equal winners share the weight.
        REQUIRE(trace.weights(2, 0) == Approx(0.5f));
        REQUIRE(trace.weights(2, 1) == Approx(0.5f));
    }
}

TEST_CASE("the causal mask zeroes the upper triangle", "[properties]") {
    for (std::size_t n : {1u, 2u, 5u, 9u, 40u}) {
        attn::AttentionTrace trace;
        attn::AttentionOptions options;
        options.mask = attn::Mask::causal;
        const attn::Matrix q = random_matrix(n, 4, 7), k = random_matrix(n, 4, 8), v = random_matrix(n, 3, 9);
        REQUIRE(attn::attention_trace(trace, q, k, v, options).ok());
        for (std::size_t i = 0; i < n; ++i) {
            double sum = 0.0;
            for (std::size_t j = 0; j < n; ++j) {
                if (j > i) {
                    REQUIRE(trace.weights(i, j) == 0.0f);
                    REQUIRE(std::isinf(trace.scaled_scores(i, j)));
                    REQUIRE(trace.scaled_scores(i, j) < 0.0f);
                } else {
                    REQUIRE(trace.weights(i, j) > 0.0f);
                }
                sum += trace.weights(i, j);
            }
            REQUIRE(sum == Approx(1.0).margin(1e-6));
        }
        REQUIRE(trace.weights(0, 0) == 1.0f);
        // Row 0 sees only token 0: its output is V's row 0.
        for (std::size_t c = 0; c < 3; ++c) REQUIRE(trace.output(0, c) == v(0, c));
        // The last row sees everything: same as without the mask.
        attn::AttentionTrace unmasked;
        REQUIRE(attn::attention_trace(unmasked, q, k, v).ok());
        for (std::size_t j = 0; j < n; ++j) REQUIRE(trace.weights(n - 1, j) == unmasked.weights(n - 1, j));
    }
}

TEST_CASE("multi-head with h = 1 equals single-head attention exactly", "[properties]") {
    for (auto mask : {attn::Mask::none, attn::Mask::causal}) {
        for (std::size_t n : {1u, 3u, 6u, 17u}) {
            const attn::Matrix x = random_matrix(n, 5, 11);
            attn::SelfAttentionWeights w;
            w.wq = random_matrix(5, 4, 12);
            w.wk = random_matrix(5, 4, 13);
            w.wv = random_matrix(5, 6, 14);
            w.wo = random_matrix(6, 5, 15);
            attn::AttentionOptions options;
            options.mask = mask;
            attn::SelfAttentionTrace multi;
            REQUIRE(attn::self_attention_trace(multi, x, w, 1, options).ok());

            attn::Matrix q, k, v, single_output;
            attn::project(q, x, w.wq);
            attn::project(k, x, w.wk);
            attn::project(v, x, w.wv);
            attn::AttentionTrace single;
            REQUIRE(attn::attention_trace(single, q, k, v, options).ok());
            attn::project(single_output, single.output, *w.wo);

            REQUIRE(multi.heads.size() == 1);
            REQUIRE(identical(multi.heads[0].attention.weights, single.weights));
            REQUIRE(identical(multi.concat, single.output));
            REQUIRE(identical(multi.output, single_output));
        }
    }
}

TEST_CASE("heads attend independently: each head equals attention on its own columns", "[properties]") {
    const std::size_t n = 5, heads = 3;
    const attn::Matrix x = random_matrix(n, 4, 21);
    attn::SelfAttentionWeights w;
    w.wq = random_matrix(4, 6, 22);
    w.wk = random_matrix(4, 6, 23);
    w.wv = random_matrix(4, 9, 24);
    attn::SelfAttentionTrace trace;
    REQUIRE(attn::self_attention_trace(trace, x, w, heads).ok());
    REQUIRE(trace.concat.shape()[1] == 9);
    REQUIRE(identical(trace.output, trace.concat));  // no W_O given
    for (std::size_t h = 0; h < heads; ++h) {
        const auto& head = trace.heads[h];
        REQUIRE(head.q.shape()[1] == 2);
        REQUIRE(head.v.shape()[1] == 3);
        REQUIRE(head.attention.scale == Approx(1.0 / std::sqrt(2.0)));
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t c = 0; c < 2; ++c) REQUIRE(head.q(i, c) == trace.q(i, h * 2 + c));
            for (std::size_t c = 0; c < 3; ++c) REQUIRE(trace.concat(i, h * 3 + c) == head.attention.output(i, c));
        }
    }
}

TEST_CASE("an explicit scale replaces 1/sqrt(d_k)", "[properties]") {
    const attn::Matrix q = random_matrix(3, 4, 31), k = random_matrix(3, 4, 32), v = random_matrix(3, 2, 33);
    attn::AttentionTrace by_default, unscaled, flat;
    REQUIRE(attn::attention_trace(by_default, q, k, v).ok());
    REQUIRE(by_default.scale == 0.5f);
    REQUIRE(attn::attention_trace(unscaled, q, k, v, {attn::Mask::none, 1.0f}).ok());
    REQUIRE(identical(unscaled.scaled_scores, unscaled.scores));
    REQUIRE(attn::attention_trace(flat, q, k, v, {attn::Mask::none, 0.0f}).ok());
    for (float w : flat.weights) REQUIRE(w == Approx(1.0f / 3.0f));
}

TEST_CASE("softmax in parts: weights equal row_softmax, exponentials / row_sum = weights", "[properties]") {
    for (auto mask : {attn::Mask::none, attn::Mask::causal}) {
        for (std::size_t n : {1u, 2u, 3u, 5u, 8u, 13u, 33u}) {
            const attn::Matrix scaled_in = random_matrix(n, n, 31 + unsigned(n), -6.0f, 6.0f);
            attn::Matrix scaled;
            attn::scale_scores(scaled, scaled_in, 1.0f, mask);
            attn::Matrix weights, exponentials, parts_weights;
            std::vector<float> row_max, row_sum;
            attn::row_softmax(weights, scaled, mask);
            attn::row_softmax_parts(row_max, exponentials, row_sum, parts_weights, scaled, mask);
            REQUIRE(identical(parts_weights, weights));
            REQUIRE(row_max.size() == n);
            REQUIRE(row_sum.size() == n);
            for (std::size_t i = 0; i < n; ++i) {
                const std::size_t visible = attn::visible_keys(i, n, mask);
                float expected_max = scaled(i, 0);
                for (std::size_t j = 1; j < visible; ++j) expected_max = std::max(expected_max, scaled(i, j));
                CHECK(row_max[i] == expected_max);
                double sum = 0.0;
                bool has_one = false;
                for (std::size_t j = 0; j < n; ++j) {
                    if (j >= visible) {
                        CHECK(exponentials(i, j) == 0.0f);
                        continue;
                    }
                    CHECK(exponentials(i, j) == Approx(std::exp(double(scaled(i, j)) - row_max[i])).epsilon(1e-6));
                    CHECK(weights(i, j) == Approx(exponentials(i, j) / row_sum[i]).epsilon(1e-6));
                    has_one = has_one || exponentials(i, j) == 1.0f;
                    sum += exponentials(i, j);
                }
                CHECK(has_one);  // the row maximum's term is exp(0) = 1
                CHECK(row_sum[i] == Approx(sum).epsilon(1e-6));
            }
        }
    }
}

TEST_CASE("multi_head_trace: each head is attention on its own columns, concatenated", "[properties]") {
    for (auto mask : {attn::Mask::none, attn::Mask::causal}) {
        for (std::size_t heads : {1u, 2u, 3u}) {
            const std::size_t n = 7, d_k = 2 * heads, d_v = 3 * heads;
            const attn::Matrix q = random_matrix(n, d_k, 41), k = random_matrix(n, d_k, 42), v = random_matrix(n, d_v, 43);
            attn::AttentionOptions options;
            options.mask = mask;
            attn::MultiHeadTrace trace;
            REQUIRE(attn::multi_head_trace(trace, q, k, v, heads, options).ok());
            REQUIRE(trace.heads.size() == heads);
            REQUIRE(trace.concat.shape()[0] == n);
            REQUIRE(trace.concat.shape()[1] == d_v);
            for (std::size_t h = 0; h < heads; ++h) {
                attn::Matrix qh, kh, vh;
                attn::take_columns(qh, q, h * 2, 2);
                attn::take_columns(kh, k, h * 2, 2);
                attn::take_columns(vh, v, h * 3, 3);
                attn::AttentionTrace single;
                REQUIRE(attn::attention_trace(single, qh, kh, vh, options).ok());
                REQUIRE(identical(trace.heads[h].attention.weights, single.weights));
                for (std::size_t i = 0; i < n; ++i)
                    for (std::size_t j = 0; j < 3; ++j) REQUIRE(trace.concat(i, h * 3 + j) == single.output(i, j));
            }
            if (heads == 1) {
                attn::AttentionTrace single;
                REQUIRE(attn::attention_trace(single, q, k, v, options).ok());
                REQUIRE(identical(trace.concat, single.output));
            }
        }
    }
}

TEST_CASE("multi_head_trace: heads must divide the widths of Q and V", "[properties]") {
    const attn::Matrix q = random_matrix(3, 4, 1), k = random_matrix(3, 4, 2), v = random_matrix(3, 6, 3);
    attn::MultiHeadTrace trace;
    attn::Status s = attn::multi_head_trace(trace, q, k, v, 3, {});
    REQUIRE(!s.ok());
    CHECK(s.message() == "3 heads do not divide d_k = 4 (the width of Q); the number of heads must divide both "
                         "d_k = 4 (Q) and 6 (V), e.g. 1, 2");
    s = attn::multi_head_trace(trace, q, k, random_matrix(3, 4, 3), 3, {});
    REQUIRE(!s.ok());
    CHECK(s.message() == "3 heads do not divide d_k = 4 (the width of Q); the number of heads must divide it, e.g. 1, 2, 4");
    s = attn::multi_head_trace(trace, q, random_matrix(3, 3, 2), v, 2, {});
    REQUIRE(!s.ok());
    CHECK(s.message() == "K has 3 columns but Q has 4; Q\u00b7K\u1d40 needs equal widths");
    s = attn::multi_head_trace(trace, q, k, v, 0, {});
    REQUIRE(!s.ok());
    CHECK(s.message() == "heads is 0; it must be a whole number of at least 1");
}
