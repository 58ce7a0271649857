// Every kind of bad input to the public entries gives its own message: which argument, where,
// and what is needed. The expected texts are those of src/attention.cpp, src/validate.cpp,
// src/multi_head.cpp, written out here in full (UTF-8: × · ᵀ √ ±).
// Each case also runs the closest good input, so a check that rejects everything fails.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attention.hpp"
#include "multi_head.hpp"

namespace {

using attn::Matrix;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

Matrix mat(std::initializer_list<std::initializer_list<float>> rows) {
    Matrix m = Matrix::from_shape({rows.size(), rows.begin()->size()});
    std::size_t i = 0;
    for (const auto& row : rows) {
        REQUIRE(row.size() == attn::cols(m));
        std::size_t j = 0;
        for (float x : row) m(i, j++) = x;
        ++i;
    }
    return m;
}

Matrix zeros(std::size_t r, std::size_t c) {
    Matrix m = Matrix::from_shape({r, c});
    m.fill(0.0f);
    return m;
}

// 004's example: a good Q, K, V (3×2 each).
Matrix good_q() { return mat({{1, 2}, {3, 4}, {5, 6}}); }
Matrix good_k() { return mat({{1, 0}, {0, 1}, {1, 1}}); }
Matrix good_v() { return mat({{2, 0}, {0, 2}, {2, 2}}); }

attn::AttentionOptions with_scale(float scale) {
    attn::AttentionOptions options;
    options.scale = scale;
    return options;
}

attn::AttentionOptions causal() {
    attn::AttentionOptions options;
    options.mask = attn::Mask::causal;
    return options;
}

// The message of a call that must fail.
std::string attention_error(const Matrix& q, const Matrix& k, const Matrix& v, const attn::AttentionOptions& options = {}) {
    attn::AttentionTrace trace;
    const attn::Status status = attn::attention_trace(trace, q, k, v, options);
    REQUIRE(!status.ok());
    return status.message();
}

bool attention_ok(const Matrix& q, const Matrix& k, const Matrix& v, const attn::AttentionOptions& options = {}) {
    attn::AttentionTrace trace;
    const attn::Status status = attn::attention_trace(trace, q, k, v, options);
    INFO(status.message());
    return status.ok();
}

// A good self-attention setup: X 3×4, W_Q/W_K/W_V/W_O 4×4, 2 heads.
Matrix good_x() { return mat({{1, 0, 0.5f, -1}, {0, 1, -0.5f, 0.5f}, {0.5f, 0.5f, 1, 0}}); }
attn::SelfAttentionWeights good_weights() {
    const Matrix w = mat({{1, 0, 0.5f, 0}, {0, 1, 0, -0.5f}, {0.5f, 0, -1, 1}, {0, -0.5f, 0, 1}});
    return {w, w, w, w};
}

std::string self_attention_error(const Matrix& x, const attn::SelfAttentionWeights& w, std::size_t heads,
                                 const attn::AttentionOptions& options = {}) {
    attn::SelfAttentionTrace trace;
    const attn::Status status = attn::self_attention_trace(trace, x, w, heads, options);
    REQUIRE(!status.ok());
    return status.message();
}

bool self_attention_ok(const Matrix& x, const attn::SelfAttentionWeights& w, std::size_t heads,
                       const attn::AttentionOptions& options = {}) {
    attn::SelfAttentionTrace trace;
    const attn::Status status = attn::self_attention_trace(trace, x, w, heads, options);
    INFO(status.message());
    return status.ok();
}

const std::string kFinite = "; every entry must be a finite number";

}  // namespace

// =============================================================================================
// attention_trace

TEST_CASE("attention_trace: an empty Q, K or V (0 rows or 0 columns) is named with its shape", "[errors]") {
    const std::string need = "; it needs at least one row and one column";
    CHECK(attention_error(zeros(0, 2), good_k(), good_v()) == "Q is empty (0×2)" + need);
    CHECK(attention_error(zeros(3, 0), good_k(), good_v()) == "Q is empty (3×0)" + need);
    CHECK(attention_error(good_q(), zeros(0, 2), good_v()) == "K is empty (0×2)" + need);
    CHECK(attention_error(good_q(), good_k(), zeros(3, 0)) == "V is empty (3×0)" + need);
    CHECK(attention_error(zeros(0, 0), zeros(0, 0), zeros(0, 0)) == "Q is empty (0×0)" + need);
    CHECK(attention_ok(good_q(), good_k(), good_v()));
}

TEST_CASE("attention_trace: K's width must equal Q's", "[errors]") {
    CHECK(attention_error(good_q(), zeros(3, 3), good_v()) == "K has 3 columns but Q has 2; Q·Kᵀ needs equal widths");
    CHECK(attention_error(good_q(), zeros(3, 1), good_v()) == "K has 1 column but Q has 2; Q·Kᵀ needs equal widths");
    // V may be wider or narrower than Q and K (d_v ≠ d_k is fine).
    CHECK(attention_ok(good_q(), good_k(), zeros(3, 5)));
}

TEST_CASE("attention_trace: V needs one row per key", "[errors]") {
    CHECK(attention_error(good_q(), good_k(), zeros(2, 2)) ==
          "V has 2 rows but K has 3; weights·V needs one value row per key");
    CHECK(attention_error(good_q(), good_k(), zeros(1, 2)) ==
          "V has 1 row but K has 3; weights·V needs one value row per key");
    // Q may have fewer (or more) rows than K without the causal mask.
    CHECK(attention_ok(zeros(2, 2), good_k(), good_v()));
}

TEST_CASE("attention_trace: the causal mask needs as many queries as keys", "[errors]") {
    CHECK(attention_error(mat({{1, 2}, {3, 4}}), good_k(), good_v(), causal()) ==
          "the causal mask needs as many queries as keys, but Q has 2 rows and K has 3");
    CHECK(attention_error(mat({{1, 2}}), good_k(), good_v(), causal()) ==
          "the causal mask needs as many queries as keys, but Q has 1 row and K has 3");
    CHECK(attention_ok(mat({{1, 2}, {3, 4}}), good_k(), good_v()));  // fine without the mask
    CHECK(attention_ok(good_q(), good_k(), good_v(), causal()));
}

TEST_CASE("attention_trace: a given scale must be finite", "[errors]") {
    const std::string message = "; scale must be a finite number";
    CHECK(attention_error(good_q(), good_k(), good_v(), with_scale(kNaN)) == "scale is NaN" + message);
    CHECK(attention_error(good_q(), good_k(), good_v(), with_scale(kInf)) == "scale is Infinity" + message);
    CHECK(attention_error(good_q(), good_k(), good_v(), with_scale(-kInf)) == "scale is -Infinity" + message);
    CHECK(attention_ok(good_q(), good_k(), good_v(), with_scale(0.0f)));
    CHECK(attention_ok(good_q(), good_k(), good_v(), with_scale(-2.5f)));
}

TEST_CASE("attention_trace: NaN and ±Infinity entries are named by matrix, row and column", "[errors]") {
    Matrix q = good_q();
    q(1, 0) = kNaN;
    CHECK(attention_error(q, good_k(), good_v()) == "Q[1][0] is NaN" + kFinite);
    Matrix k = good_k();
    k(2, 1) = kInf;
    CHECK(attention_error(good_q(), k, good_v()) == "K[2][1] is Infinity" + kFinite);
    Matrix v = good_v();
    v(0, 1) = -kInf;
    CHECK(attention_error(good_q(), good_k(), v) == "V[0][1] is -Infinity" + kFinite);
    // The first bad entry is reported: Q before K, row-major within a matrix.
    q(2, 1) = kInf;
    q(1, 1) = -kInf;
    CHECK(attention_error(q, k, v) == "Q[1][0] is NaN" + kFinite);
    q(1, 0) = 1.0f;
    CHECK(attention_error(q, k, v) == "Q[1][1] is -Infinity" + kFinite);
}

TEST_CASE("attention_trace: a dimension above kMaxDimension is refused", "[errors]") {
    const std::string max = std::to_string(attn::kMaxDimension);
    const std::string too_many = std::to_string(attn::kMaxDimension + 1);
    const std::size_t over = attn::kMaxDimension + 1;
    CHECK(attention_error(zeros(over, 2), good_k(), good_v()) == "Q has " + too_many + " rows; at most " + max + " are supported");
    CHECK(attention_error(zeros(1, over), zeros(1, over), zeros(1, 1)) ==
          "Q has " + too_many + " columns; at most " + max + " are supported");
    CHECK(attention_error(good_q(), zeros(over, 2), zeros(over, 2)) ==
          "K has " + too_many + " rows; at most " + max + " are supported");
    CHECK(attention_error(good_q(), good_k(), zeros(3, over)) ==
          "V has " + too_many + " columns; at most " + max + " are supported");
    CHECK(attention_ok(zeros(1, attn::kMaxDimension), zeros(1, attn::kMaxDimension), zeros(1, 1)));
}

TEST_CASE("attention_trace: a matrix above kMaxMatrixEntries is refused", "[errors]") {
    // Both sides within kMaxDimension, the product just above kMaxMatrixEntries.
    const std::size_t c = attn::kMaxDimension, r = attn::kMaxMatrixEntries / c + 1;
    REQUIRE(r <= attn::kMaxDimension);
    CHECK(attention_error(zeros(r, c), zeros(1, c), zeros(1, 1)) ==
          "Q has " + std::to_string(r * c) + " entries (" + std::to_string(r) + "×" + std::to_string(c) +
              "); at most " + std::to_string(attn::kMaxMatrixEntries) + " are supported");
    CHECK(attn::check_attention_inputs(zeros(r - 1, c), zeros(1, c), zeros(1, 1), {}).ok());
}

TEST_CASE("attention_trace: a trace above kMaxTraceFloats is refused before anything is allocated", "[errors]") {
    // The trace holds scores, scaled scores, exponentials, weights (4·n·m floats), the row
    // maxima and sums (2·n) and the output (n·d_v).
    const std::size_t limit = attn::kMaxTraceFloats;
    const auto message = [limit](std::size_t n, std::size_t m, std::size_t floats) {
        return "Q has " + std::to_string(n) + " rows and K has " + std::to_string(m) + " rows: the trace would hold " +
               std::to_string(floats) + " numbers, more than the " + std::to_string(limit) + " supported; use fewer tokens";
    };
    CHECK(attention_error(zeros(8192, 1), zeros(8192, 1), zeros(8192, 1)) ==
          message(8192, 8192, 4 * 8192 * 8192 + 2 * 8192 + 8192));
    CHECK(attention_error(zeros(8192, 1), zeros(4096, 1), zeros(4096, 2)) ==
          message(8192, 4096, 4 * 8192 * 4096 + 2 * 8192 + 8192 * 2));
    // With n = m chosen so that 4·n² + 3·n ≤ limit, the widest V that fits is d_v = (limit − 4·n² − 2·n) / n.
    std::size_t n = static_cast<std::size_t>(std::sqrt(limit / 4.0));
    while (4 * n * n + 3 * n > limit) --n;
    const std::size_t widest = (limit - 4 * n * n - 2 * n) / n;
    INFO("n = " << n << ", widest V that fits: " << widest);
    REQUIRE(widest >= 1);
    CHECK(attn::trace_floats(n, n, widest) <= limit);
    CHECK(attn::check_attention_inputs(zeros(n, 1), zeros(n, 1), zeros(n, widest), {}).ok());
    const attn::Status status = attn::check_attention_inputs(zeros(n, 1), zeros(n, 1), zeros(n, widest + 1), {});
    REQUIRE(!status.ok());
    CHECK(status.message() == message(n, n, 4 * n * n + 2 * n + n * (widest + 1)));
}

TEST_CASE("parse_mask: an unknown mask name lists the accepted names", "[errors]") {
    attn::Mask mask = attn::Mask::none;
    for (const char* name : {"Causal", "", "causal ", "triangular"}) {
        const attn::Status status = attn::parse_mask(name, mask);
        REQUIRE(!status.ok());
        CHECK(status.message() ==
              std::string("unknown mask \"") + name + "\"; the mask must be \"none\" or \"causal\"");
    }
    REQUIRE(attn::parse_mask("causal", mask).ok());
    CHECK(mask == attn::Mask::causal);
    REQUIRE(attn::parse_mask("none", mask).ok());
    CHECK(mask == attn::Mask::none);
}

TEST_CASE("attention_trace: scores that overflow float32 are named by their place", "[errors]") {
    const std::string hint = "; the entries of Q and K are too large; scale them down";
    // Only query 1 · key 2 overflows (2e40); 1e20 · 1 = 1e20 elsewhere is still finite.
    const Matrix q = mat({{1, 1}, {1e20f, 1e20f}, {1, 1}});
    const Matrix k = mat({{1, 1}, {1, 1}, {1e20f, 1e20f}});
    CHECK(attention_error(q, k, good_v()) == "scores[1][2] = Q row 1 · K row 2 overflowed float32 (Infinity)" + hint);
    CHECK(attention_error(mat({{-1e20f, -1e20f}}), mat({{1e20f, 1e20f}}), mat({{1}})) ==
          "scores[0][0] = Q row 0 · K row 0 overflowed float32 (-Infinity)" + hint);
    // +Infinity + -Infinity inside the dot product gives NaN, still reported as an overflow.
    CHECK(attention_error(mat({{1e20f, 1e20f}}), mat({{1e20f, -1e20f}}), mat({{1}})) ==
          "scores[0][0] = Q row 0 · K row 0 overflowed float32 (NaN)" + hint);
    CHECK(attention_ok(mat({{1e19f, 1e19f}}), mat({{1e19f, 1e19f}}), mat({{1}})));  // 2e38 still fits
}

TEST_CASE("attention_trace: scaled scores that overflow float32 ask for a smaller scale", "[errors]") {
    // score 2e38 fits in float32; 10 · 2e38 does not.
    const Matrix big = mat({{1e19f, 1e19f}});
    CHECK(attention_error(big, big, mat({{1}}), with_scale(10.0f)) ==
          "scaled scores[0][0] overflowed float32; use a smaller scale");
    CHECK(attention_ok(big, big, mat({{1}}), with_scale(1.0f)));
    // Under the causal mask an overflow at a masked place (query 0, key 1) is never used: no error.
    attn::AttentionOptions options = causal();
    options.scale = 10.0f;
    CHECK(attention_ok(mat({{1e19f, 1e19f}, {1, 1}}), mat({{1, 1}, {1e19f, 1e19f}}), mat({{1}, {2}}), options));
    CHECK(attention_error(mat({{1, 1}, {1e19f, 1e19f}}), mat({{1, 1}, {1e19f, 1e19f}}), mat({{1}, {2}}), options) ==
          "scaled scores[1][1] overflowed float32; use a smaller scale");
}

TEST_CASE("attention_trace: after an error the same trace object gives the right answer", "[errors]") {
    attn::AttentionTrace trace;
    REQUIRE(!attn::attention_trace(trace, good_q(), zeros(3, 3), good_v()).ok());
    REQUIRE(!attn::attention_trace(trace, mat({{1e20f, 1e20f}}), mat({{1e20f, 1e20f}}), mat({{1}})).ok());
    const attn::Status status = attn::attention_trace(trace, good_q(), good_k(), good_v());
    INFO(status.message());
    REQUIRE(status.ok());
    REQUIRE(attn::rows(trace.weights) == 3);
    REQUIRE(attn::cols(trace.weights) == 3);
    REQUIRE(attn::cols(trace.output) == 2);
    CHECK(trace.scale == Approx(0.70710678).epsilon(1e-6));
    // 004's figures (tests/reference/expected_values.py).
    CHECK(trace.weights(0, 0) == Approx(0.1400292).margin(1e-5));
    CHECK(trace.weights(0, 2) == Approx(0.5759753).margin(1e-5));
    CHECK(trace.output(0, 1) == Approx(1.719942).margin(1e-5));
    CHECK(trace.scores(2, 2) == 11.0f);
    // A following error leaves no option behind either: the default scale is back after an explicit one.
    REQUIRE(!attn::attention_trace(trace, good_q(), good_k(), good_v(), with_scale(kNaN)).ok());
    REQUIRE(attn::attention_trace(trace, good_q(), good_k(), good_v(), with_scale(1.0f)).ok());
    CHECK(trace.scale == 1.0f);
    REQUIRE(attn::attention_trace(trace, good_q(), good_k(), good_v()).ok());
    CHECK(trace.scale == Approx(0.70710678).epsilon(1e-6));
}

// =============================================================================================
// self_attention_trace

TEST_CASE("self_attention_trace: an empty or non-finite X or weight matrix is named", "[errors]") {
    const std::string need = "; it needs at least one row and one column";
    CHECK(self_attention_error(zeros(0, 4), good_weights(), 2) == "X is empty (0×4)" + need);
    attn::SelfAttentionWeights w = good_weights();
    w.wq = zeros(4, 0);
    CHECK(self_attention_error(good_x(), w, 2) == "W_Q is empty (4×0)" + need);
    w = good_weights();
    w.wo = zeros(0, 4);
    CHECK(self_attention_error(good_x(), w, 2) == "W_O is empty (0×4)" + need);

    Matrix x = good_x();
    x(2, 3) = kNaN;
    CHECK(self_attention_error(x, good_weights(), 2) == "X[2][3] is NaN" + kFinite);
    w = good_weights();
    w.wk(3, 0) = -kInf;
    CHECK(self_attention_error(good_x(), w, 2) == "W_K[3][0] is -Infinity" + kFinite);
    w = good_weights();
    w.wv(1, 0) = kInf;
    CHECK(self_attention_error(good_x(), w, 2) == "W_V[1][0] is Infinity" + kFinite);
    w = good_weights();
    (*w.wo)(0, 1) = kNaN;
    CHECK(self_attention_error(good_x(), w, 2) == "W_O[0][1] is NaN" + kFinite);
    CHECK(self_attention_ok(good_x(), good_weights(), 2));
}

TEST_CASE("self_attention_trace: W_Q, W_K and W_V need one row per column of X", "[errors]") {
    attn::SelfAttentionWeights w = good_weights();
    w.wq = zeros(3, 4);
    CHECK(self_attention_error(good_x(), w, 2) ==
          "W_Q has 3 rows but X has 4 columns; X·W_Q needs one row of W_Q per column of X");
    w = good_weights();
    w.wk = zeros(5, 4);
    CHECK(self_attention_error(good_x(), w, 2) ==
          "W_K has 5 rows but X has 4 columns; X·W_K needs one row of W_K per column of X");
    w = good_weights();
    w.wv = zeros(2, 4);
    CHECK(self_attention_error(good_x(), w, 2) ==
          "W_V has 2 rows but X has 4 columns; X·W_V needs one row of W_V per column of X");
    w = good_weights();
    CHECK(self_attention_error(mat({{1, 2, 3}}), w, 2) ==
          "W_Q has 4 rows but X has 3 columns; X·W_Q needs one row of W_Q per column of X");
    w.wq = zeros(1, 4);
    CHECK(self_attention_error(good_x(), w, 2) ==
          "W_Q has 1 row but X has 4 columns; X·W_Q needs one row of W_Q per column of X");
    CHECK(self_attention_error(mat({{1}, {2}}), good_weights(), 2) ==
          "W_Q has 4 rows but X has 1 column; X·W_Q needs one row of W_Q per column of X");
}

TEST_CASE("self_attention_trace: W_K must be as wide as W_Q", "[errors]") {
    attn::SelfAttentionWeights w = good_weights();
    w.wk = zeros(4, 6);
    CHECK(self_attention_error(good_x(), w, 2) ==
          "W_K has 6 columns but W_Q has 4; Q·Kᵀ needs Q and K of equal widths");
    w.wk = zeros(4, 1);
    CHECK(self_attention_error(good_x(), w, 1) ==
          "W_K has 1 column but W_Q has 4; Q·Kᵀ needs Q and K of equal widths");
    // W_V may differ in width from W_Q and W_K (d_v ≠ d_k).
    w = good_weights();
    w.wv = zeros(4, 6);
    w.wo = zeros(6, 3);
    CHECK(self_attention_ok(good_x(), w, 2));
}

TEST_CASE("self_attention_trace: heads must be between 1 and kMaxHeads", "[errors]") {
    const std::size_t max = attn::kMaxHeads;
    const std::string too_many = "heads is " + std::to_string(max + 1) + "; at most " + std::to_string(max) + " are supported";
    CHECK(self_attention_error(good_x(), good_weights(), 0) == "heads is 0; it must be a whole number of at least 1");
    CHECK(self_attention_error(good_x(), good_weights(), max + 1) == too_many);
    // kMaxHeads heads of width 1 are accepted; one more head (and one more column) is not.
    const Matrix w = zeros(1, max), w_over = zeros(1, max + 1);
    CHECK(self_attention_ok(mat({{1}}), {w, w, w, std::nullopt}, max));
    CHECK(self_attention_error(mat({{1}}), {w_over, w_over, w_over, std::nullopt}, max + 1) == too_many);
}

TEST_CASE("self_attention_trace: heads must divide d_model, and the message lists divisors", "[errors]") {
    attn::SelfAttentionWeights w = good_weights();
    const Matrix six = zeros(4, 6);
    w.wq = six;
    w.wk = six;
    w.wv = six;
    w.wo = zeros(6, 4);
    CHECK(self_attention_error(good_x(), w, 4) ==
          "4 heads do not divide d_model = 6 (the width of W_Q); the number of heads must divide it, e.g. 1, 2, 3, 6");
    CHECK(self_attention_error(good_x(), good_weights(), 3) ==
          "3 heads do not divide d_model = 4 (the width of W_Q); the number of heads must divide it, e.g. 1, 2, 4");
    CHECK(self_attention_error(good_x(), good_weights(), 8) ==
          "8 heads do not divide d_model = 4 (the width of W_Q); the number of heads must divide it, e.g. 1, 2, 4");
    for (std::size_t heads : {1u, 2u, 3u, 6u}) {
        INFO(heads << " heads");
        CHECK(self_attention_ok(good_x(), w, heads));
    }
}

TEST_CASE("self_attention_trace: heads must divide the width of W_V", "[errors]") {
    attn::SelfAttentionWeights w = good_weights();
    w.wv = zeros(4, 6);
    w.wo = zeros(6, 4);
    // d_model = 4 (W_Q) and 6 (W_V): the advice lists the heads that divide both.
    CHECK(self_attention_error(good_x(), w, 4) ==
          "4 heads do not divide 6 (the width of W_V); the number of heads must divide both d_model = 4 (W_Q) and "
          "6 (W_V), e.g. 1, 2");
    CHECK(self_attention_error(good_x(), w, 3) ==
          "3 heads do not divide d_model = 4 (the width of W_Q); the number of heads must divide both d_model = 4 "
          "(W_Q) and 6 (W_V), e.g. 1, 2");
    CHECK(self_attention_ok(good_x(), w, 2));
}

TEST_CASE("self_attention_trace: W_O needs one row per column of the heads' concatenation", "[errors]") {
    attn::SelfAttentionWeights w = good_weights();
    w.wo = zeros(3, 4);
    CHECK(self_attention_error(good_x(), w, 2) ==
          "W_O has 3 rows but the heads' concatenation has 4 columns (the width of W_V); concat·W_O needs them equal");
    w.wv = zeros(4, 2);
    w.wo = zeros(1, 4);
    CHECK(self_attention_error(good_x(), w, 2) ==
          "W_O has 1 row but the heads' concatenation has 2 columns (the width of W_V); concat·W_O needs them equal");
    w.wo = zeros(2, 5);  // W_O's width is free: the output is then n×5
    CHECK(self_attention_ok(good_x(), w, 2));
}

TEST_CASE("self_attention_trace: a given scale must be finite", "[errors]") {
    const std::string message = "; scale must be a finite number";
    CHECK(self_attention_error(good_x(), good_weights(), 2, with_scale(kNaN)) == "scale is NaN" + message);
    CHECK(self_attention_error(good_x(), good_weights(), 2, with_scale(-kInf)) == "scale is -Infinity" + message);
    CHECK(self_attention_ok(good_x(), good_weights(), 2, with_scale(0.25f)));
}

// "X has 8192 rows and there is 1 head: the trace would hold N numbers, more than the L supported; …":
// checks the wording around N, and that N is above the limit and at least the heads' 3·h·n² floats.
static void check_self_attention_limit_message(const std::string& message, std::size_t n, std::size_t heads) {
    INFO(message);
    const std::string head = "X has " + std::to_string(n) + " rows and there " + (heads == 1 ? "is 1 head" : "are " + std::to_string(heads) + " heads") +
                             ": the trace would hold ";
    const std::string tail = " numbers, more than the " + std::to_string(attn::kMaxTraceFloats) +
                             " supported; use fewer tokens or heads";
    REQUIRE(message.size() > head.size() + tail.size());
    CHECK(message.compare(0, head.size(), head) == 0);
    CHECK(message.compare(message.size() - tail.size(), tail.size(), tail) == 0);
    const std::string count = message.substr(head.size(), message.size() - head.size() - tail.size());
    REQUIRE(!count.empty());
    REQUIRE(count.find_first_not_of("0123456789") == std::string::npos);
    const unsigned long long floats = std::stoull(count);
    CHECK(floats > attn::kMaxTraceFloats);
    CHECK(floats >= 4ull * heads * n * n);
}

TEST_CASE("self_attention_trace: a trace above kMaxTraceFloats is refused, counting every head", "[errors]") {
    const Matrix one = mat({{1}});
    check_self_attention_limit_message(self_attention_error(zeros(8192, 1), {one, one, one, std::nullopt}, 1), 8192, 1);
    // Each head holds 4·n² floats (scores, scaled scores, exponentials, weights). With n² ≈ limit / 9,
    // 2 heads (≈ 8/9 of the limit, plus the small projections) fit and 4 heads (≈ 16/9) do not.
    const std::size_t n = static_cast<std::size_t>(std::sqrt(attn::kMaxTraceFloats / 9.0));
    const Matrix w = zeros(4, 4);
    const attn::SelfAttentionWeights weights{w, w, w, std::nullopt};
    CHECK(attn::check_self_attention_inputs(zeros(n, 4), weights, 2, {}).ok());
    check_self_attention_limit_message(self_attention_error(zeros(n, 4), weights, 4), n, 4);
}

TEST_CASE("self_attention_trace: projections that overflow float32 are named", "[errors]") {
    const std::string hint = "; the entries of X or of the weights are too large; scale them down";
    const Matrix x = mat({{1, 0}, {0, 1e20f}});
    const Matrix big = mat({{1, 1}, {1, 1e20f}});
    const Matrix small = mat({{1, 0}, {0, 1}});
    CHECK(self_attention_error(x, {big, small, small, std::nullopt}, 1) ==
          "Q[1][1] (of X·W_Q) overflowed float32 (Infinity)" + hint);
    CHECK(self_attention_error(x, {small, big, small, std::nullopt}, 1) ==
          "K[1][1] (of X·W_K) overflowed float32 (Infinity)" + hint);
    CHECK(self_attention_error(x, {small, small, big, std::nullopt}, 1) ==
          "V[1][1] (of X·W_V) overflowed float32 (Infinity)" + hint);
    CHECK(self_attention_error(mat({{1}}), {mat({{1}}), mat({{1}}), mat({{1e30f}}), mat({{1e30f}})}, 1) ==
          "output[0][0] (of concat·W_O) overflowed float32 (Infinity)" + hint);
    CHECK(self_attention_ok(mat({{1}}), {mat({{1}}), mat({{1}}), mat({{1e30f}}), mat({{1e-30f}})}, 1));
}

TEST_CASE("self_attention_trace: a head whose scores overflow is named by its number", "[errors]") {
    // Q = K = [1, 1e20]: head 0 (column 0) is fine, head 1 (column 1) has 1e20·1e20.
    const Matrix w = mat({{1, 1e20f}, {0, 0}});
    const attn::SelfAttentionWeights weights{w, w, mat({{1, 1}, {0, 0}}), std::nullopt};
    CHECK(self_attention_error(mat({{1, 0}}), weights, 2) ==
          "head 1: scores[0][0] = Q row 0 · K row 0 overflowed float32 (Infinity); the entries of X, W_Q or W_K are too "
          "large; scale them down");
    const Matrix w0 = mat({{1e19f, 1}, {0, 0}});  // head 0's score 1e38 fits; scale 10 overflows it
    CHECK(self_attention_error(mat({{1, 0}}), {w0, w0, w0, std::nullopt}, 2, with_scale(10.0f)) ==
          "head 0: scaled scores[0][0] overflowed float32; use a smaller scale");
    CHECK(self_attention_ok(mat({{1, 0}}), {w0, w0, w0, std::nullopt}, 2));
}

TEST_CASE("self_attention_trace: after an error the same trace object gives the right answer", "[errors]") {
    attn::SelfAttentionTrace trace;
    REQUIRE(attn::self_attention_trace(trace, good_x(), good_weights(), 2).ok());
    REQUIRE(trace.heads.size() == 2);
    REQUIRE(!attn::self_attention_trace(trace, good_x(), good_weights(), 3).ok());
    const Matrix w = mat({{1, 1e20f}, {0, 0}});
    REQUIRE(!attn::self_attention_trace(trace, mat({{1, 0}}), {w, w, w, std::nullopt}, 2).ok());
    const attn::Status status = attn::self_attention_trace(trace, good_x(), good_weights(), 1);
    INFO(status.message());
    REQUIRE(status.ok());
    CHECK(trace.heads.size() == 1);
    // Same numbers as a fresh trace of the same call.
    attn::SelfAttentionTrace fresh;
    REQUIRE(attn::self_attention_trace(fresh, good_x(), good_weights(), 1).ok());
    const bool same_output = trace.output == fresh.output;
    const bool same_weights = trace.heads[0].attention.weights == fresh.heads[0].attention.weights;
    CHECK(same_output);
    CHECK(same_weights);
    CHECK(attn::rows(trace.output) == 3);
    CHECK(attn::cols(trace.output) == 4);
}
