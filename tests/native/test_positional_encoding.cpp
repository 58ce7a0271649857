// The sinusoidal positional encoding, X + PE, and the property it exists for: attention alone
// is permutation-equivariant (swapping two tokens swaps their output rows and nothing else),
// and with positions added it is not.
#include <catch2/catch.hpp>

#include <cmath>
#include <utility>

#include "multi_head.hpp"
#include "positional_encoding.hpp"
#include "random_inputs.hpp"

namespace {

attn::Matrix swap_rows(attn::Matrix m, std::size_t a, std::size_t b) {
    for (std::size_t c = 0; c < attn::cols(m); ++c) std::swap(m(a, c), m(b, c));
    return m;
}

using test_inputs::max_abs_diff;

// The example the page's order demo uses (own-2-heads: X 3×4, 0/1 projections).
const attn::Matrix kX = {{1, 0, 2, 0}, {0, 1, 0, 2}, {1, 1, 1, 1}};
const attn::SelfAttentionWeights kW{{{1, 0, 0, 1}, {0, 1, 1, 0}, {1, 0, 0, 0}, {0, 0, 1, 1}},
                                    {{0, 1, 1, 0}, {1, 0, 0, 1}, {1, 0, 1, 0}, {0, 1, 0, 0}},
                                    {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}},
                                    std::nullopt};

}  // namespace

TEST_CASE("sinusoidal_encoding: the formula of Vaswani et al. §3.5, entry by entry", "[positional]") {
    attn::Matrix pe;
    REQUIRE(attn::sinusoidal_encoding(pe, 3, 4).ok());
    REQUIRE(attn::rows(pe) == 3);
    REQUIRE(attn::cols(pe) == 4);
    // position 0: sin 0 = 0, cos 0 = 1
    CHECK(pe(0, 0) == 0.0f);
    CHECK(pe(0, 1) == 1.0f);
    CHECK(pe(0, 2) == 0.0f);
    CHECK(pe(0, 3) == 1.0f);
    // position 2, d = 4: columns 0/1 use 2/10000^0 = 2, columns 2/3 use 2/10000^(2/4) = 0.02
    CHECK(pe(2, 0) == Approx(std::sin(2.0)).margin(1e-7));
    CHECK(pe(2, 1) == Approx(std::cos(2.0)).margin(1e-7));
    CHECK(pe(2, 2) == Approx(std::sin(0.02)).margin(1e-7));
    CHECK(pe(2, 3) == Approx(std::cos(0.02)).margin(1e-7));
}

TEST_CASE("sinusoidal_encoding: an odd width ends with a sine column", "[positional]") {
    attn::Matrix pe;
    REQUIRE(attn::sinusoidal_encoding(pe, 2, 3).ok());
    CHECK(pe(1, 2) == Approx(std::sin(1.0 / std::pow(10000.0, 2.0 / 3.0))).margin(1e-7));
}

TEST_CASE("sinusoidal_encoding: empty sizes are refused with a message", "[positional]") {
    attn::Matrix pe;
    const attn::Status s = attn::sinusoidal_encoding(pe, 0, 4);
    REQUIRE_FALSE(s.ok());
    CHECK(s.message().find("at least 1 position") != std::string::npos);
}

TEST_CASE("add_positional_encoding: X + PE, row 0 gains [0, 1, 0, 1]", "[positional]") {
    attn::Matrix sum;
    REQUIRE(attn::add_positional_encoding(sum, kX).ok());
    attn::Matrix pe;
    REQUIRE(attn::sinusoidal_encoding(pe, 3, 4).ok());
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 4; ++j) CHECK(sum(i, j) == kX(i, j) + pe(i, j));
    CHECK(sum(0, 1) == 1.0f);
    CHECK(sum(0, 3) == 1.0f);
}

TEST_CASE("add_positional_encoding: a non-finite X is refused, naming the cell", "[positional]") {
    attn::Matrix x = kX;
    x(1, 2) = std::nanf("");
    attn::Matrix sum;
    const attn::Status s = attn::add_positional_encoding(sum, x);
    REQUIRE_FALSE(s.ok());
    CHECK(s.message().find("X[1][2]") != std::string::npos);
}

TEST_CASE("self-attention is permutation-equivariant; with positions added it is not", "[positional]") {
    attn::SelfAttentionTrace plain, swapped;
    REQUIRE(attn::self_attention_trace(plain, kX, kW, 1).ok());
    REQUIRE(attn::self_attention_trace(swapped, swap_rows(kX, 0, 1), kW, 1).ok());
    // Tokens 0 and 1 swapped: their output rows swap, row 2 is unchanged.
    CHECK(max_abs_diff(swapped.output, swap_rows(plain.output, 0, 1)) < 1e-6f);
    // ... and the swap is not vacuous: rows 0 and 1 differ.
    CHECK(max_abs_diff(swap_rows(plain.output, 0, 1), plain.output) > 1e-2f);

    attn::Matrix x_pe, swapped_pe;
    REQUIRE(attn::add_positional_encoding(x_pe, kX).ok());
    REQUIRE(attn::add_positional_encoding(swapped_pe, swap_rows(kX, 0, 1)).ok());
    attn::SelfAttentionTrace with_pe, swapped_with_pe;
    REQUIRE(attn::self_attention_trace(with_pe, x_pe, kW, 1).ok());
    REQUIRE(attn::self_attention_trace(swapped_with_pe, swapped_pe, kW, 1).ok());
    // With positions, the swapped sentence's outputs are no longer the old rows swapped.
    CHECK(max_abs_diff(swapped_with_pe.output, swap_rows(with_pe.output, 0, 1)) > 1e-2f);
}
