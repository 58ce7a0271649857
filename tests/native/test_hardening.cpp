// Issue 10, the core's side: every entry returns finite numbers or fails naming the place
// (no silent Infinity), every failure carries a stable code and place, and intermediates are
// bounded before anything is allocated.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "attention.hpp"
#include "multi_head.hpp"
#include "self_attention_output.hpp"
#include "streaming_attention.hpp"
#include "validate.hpp"
#include "why_scale.hpp"

namespace {

using attn::Code;
using attn::Matrix;

Matrix filled(std::size_t r, std::size_t c, float x) {
    Matrix m = Matrix::from_shape({r, c});
    m.fill(x);
    return m;
}

bool all_finite(const Matrix& m) {
    for (float x : m)
        if (!std::isfinite(x)) return false;
    return true;
}

// V (m×d_v) with entries in [0.9, 1]·FLT_MAX, random signs off: the weighted sums sit at the
// edge of float32's range.
Matrix huge_values(std::mt19937& random, std::size_t m, std::size_t d_v) {
    std::uniform_real_distribution<float> share(0.9f, 1.0f);
    Matrix v = Matrix::from_shape({m, d_v});
    for (float& x : v) x = share(random) * FLT_MAX;
    return v;
}

Matrix small_random(std::mt19937& random, std::size_t r, std::size_t c) {
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    Matrix m = Matrix::from_shape({r, c});
    for (float& x : m) x = u(random);
    return m;
}

bool is_output_overflow(const attn::Status& s) {
    return s.code() == Code::overflow && s.message().find("output[") != std::string::npos &&
           s.message().find("] = \u03a3 weights \u00d7 V column ") != std::string::npos &&
           s.message().find("overflowed float32") != std::string::npos;
}

}  // namespace

TEST_CASE("attention_output: V near FLT_MAX overflows the running sum and is reported, not returned as inf",
          "[hardening]") {
    Matrix out;
    const attn::Status s = attn::attention_output(out, filled(3, 2, 0.0f), filled(2, 2, 0.0f), filled(2, 1, FLT_MAX));
    INFO(s.message());
    REQUIRE(!s.ok());
    CHECK(s.message() == "output[0][0] = \u03a3 weights \u00d7 V column 0 overflowed float32 (Infinity); the entries of V "
                         "are too large; scale them down");
    CHECK(s.code() == Code::overflow);
}

TEST_CASE("every entry: V near FLT_MAX gives finite outputs or an overflow naming the output cell", "[hardening]") {
    std::mt19937 random(10);
    int failures = 0, cases = 0;
    for (int round = 0; round < 64; ++round) {
        const std::size_t n = 1 + round % 4, m = 2 + round % 5, d = 2, d_v = 1 + round % 3;
        const Matrix q = small_random(random, n, d), k = small_random(random, m, d);
        const Matrix v = huge_values(random, m, d_v);
        const auto check = [&](const attn::Status& s, const Matrix& output, const char* entry) {
            INFO(entry << " round " << round << ": " << s.message());
            ++cases;
            if (s.ok()) {
                CHECK(all_finite(output));
            } else {
                ++failures;
                CHECK(is_output_overflow(s));
            }
        };
        attn::AttentionTrace trace;
        check(attn::attention_trace(trace, q, k, v), trace.output, "attention_trace");
        Matrix out;
        check(attn::attention_output(out, q, k, v), out, "attention_output");
        attn::MultiHeadTrace multi;
        check(attn::multi_head_trace(multi, q, k, v, 1), multi.concat, "multi_head_trace");
        // Self-attention: X = I (n×n) makes V = W_V.
        Matrix x = filled(m, m, 0.0f);
        for (std::size_t i = 0; i < m; ++i) x(i, i) = 1.0f;
        const attn::SelfAttentionWeights w{small_random(random, m, d), small_random(random, m, d), v, std::nullopt};
        attn::SelfAttentionTrace self;
        check(attn::self_attention_trace(self, x, w, 1), self.output, "self_attention_trace");
        check(attn::self_attention_output(out, x, w, 1), out, "self_attention_output");
    }
    INFO(failures << " of " << cases << " calls overflowed");
    CHECK(failures > 0);  // the inputs do reach the edge
}

TEST_CASE("row_sums: a sum beyond float32 names its row", "[hardening]") {
    std::vector<float> sums;
    const attn::Status s = attn::row_sums(sums, Matrix{{1.0f, 2.0f}, {3.4e38f, 3.4e38f}});
    REQUIRE(!s.ok());
    CHECK(s.message() ==
          "sums[1] = \u03a3 matrix row 1 overflowed float32 (Infinity); the entries of the matrix are too large; scale them down");
    CHECK(s.code() == Code::overflow);
    CHECK(s.matrix() == "matrix");
    CHECK(s.row() == 1);
    REQUIRE(attn::row_sums(sums, Matrix{{3.4e38f, -3.4e38f}}).ok());
    CHECK(sums[0] == 0.0f);
    // and its input is checked like any other
    CHECK(attn::row_sums(sums, Matrix{{1.0f, NAN}}).message() == "matrix[0][1] is NaN; every entry must be a finite number");
}

TEST_CASE("self_attention_output: X 8192×1 and weights 1×8192 fail before allocating X·W_Q, naming the inputs",
          "[hardening]") {
    const Matrix x = filled(8192, 1, 1.0f), w_row = filled(1, 8192, 1.0f);
    const attn::SelfAttentionWeights w{w_row, w_row, w_row, std::nullopt};
    Matrix out;
    const attn::Status s = attn::self_attention_output(out, x, w, 1);
    REQUIRE(!s.ok());
    CHECK(s.message() == "X has 8192 rows and W_Q has 8192 columns: X\u00b7W_Q would hold 67108864 numbers "
                         "(8192\u00d78192), more than the 4194304 supported; use fewer rows of X or fewer columns of W_Q");
    CHECK(s.code() == Code::too_large);
    CHECK(s.matrix() == "W_Q");
    CHECK(out.size() == 0);
}

TEST_CASE("attention_output: an output larger than any input may be is refused before allocating", "[hardening]") {
    Matrix out;
    const attn::Status s =
        attn::attention_output(out, filled(8192, 1, 1.0f), filled(1, 1, 1.0f), filled(1, 8192, 1.0f));
    REQUIRE(!s.ok());
    CHECK(s.code() == Code::too_large);
    CHECK(s.matrix() == "V");
    CHECK(s.message().rfind("Q has 8192 rows and V has 8192 columns: the output would hold 67108864 numbers", 0) == 0);
}

TEST_CASE("check_extent: counts past 2³² are reported as they are", "[hardening]") {
    const std::uint64_t rows = (std::uint64_t(1) << 32) + 3;
    const attn::Status s = attn::check_extent(rows, 0, "Q");
    CHECK(s.message() == "Q has 4294967299 rows; at most 8192 are supported");
    CHECK(s.code() == Code::too_large);
    CHECK(attn::check_extent(1, (std::uint64_t(1) << 31), "K").message() == "K has 2147483648 columns; at most 8192 are supported");
}

TEST_CASE("Status: each kind of failure has its code and place", "[hardening]") {
    attn::AttentionTrace t;
    const Matrix q = filled(3, 2, 1.0f), k = filled(3, 2, 1.0f), v = filled(3, 2, 1.0f);
    attn::Status s = attn::attention_trace(t, q, filled(3, 3, 1.0f), v);
    CHECK(s.code() == Code::shape_mismatch);
    CHECK(s.matrix() == "K");
    Matrix bad = q;
    bad(2, 1) = NAN;
    s = attn::attention_trace(t, bad, k, v);
    CHECK(s.code() == Code::not_finite);
    CHECK(s.matrix() == "Q");
    CHECK(s.row() == 2);
    CHECK(s.col() == 1);
    s = attn::attention_trace(t, filled(0, 2, 1.0f), k, v);
    CHECK(s.code() == Code::empty);
    CHECK(s.matrix() == "Q");
    attn::Mask mask;
    s = attn::parse_mask("future", mask);
    CHECK(s.code() == Code::bad_option);
    CHECK(s.option() == "mask");
    attn::MultiHeadTrace mh;
    s = attn::multi_head_trace(mh, q, k, v, 3);
    CHECK(s.code() == Code::heads_not_divisor);
    CHECK(s.option() == "heads");
    s = attn::multi_head_trace(mh, filled(1, 1, 1e20f), filled(1, 1, 1e20f), filled(1, 1, 1.0f), 1);
    CHECK(s.code() == Code::overflow);
    CHECK(std::string(attn::code_name(s.code())) == "overflow");
    CHECK(s.message().rfind("head 0: scores[0][0]", 0) == 0);
    attn::ScaleExperiment e;
    s = attn::scale_experiment(e, 0, 16, 16, 1);
    CHECK(s.code() == Code::bad_option);
    CHECK(s.option() == "dk");
    CHECK(attn::attention_trace(t, q, k, v).code() == Code::ok);
}
