// The streaming path's query block size (query_block_rows): chosen from the size of K and V,
// and free to choose, since every block size gives the same output bit for bit.
#include <catch2/catch.hpp>

#include <cstring>

#include "random_inputs.hpp"
#include "streaming_attention.hpp"

namespace {

test_inputs::Random rng(12);

bool same_bits(const attn::Matrix& a, const attn::Matrix& b) {
    return a.shape() == b.shape() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

TEST_CASE("query_block_rows: small blocks while K and V fit in the cache budget, large ones past it", "[streaming]") {
    // n = 1024, d = 64: K and V are 1024·128 floats = 512 KiB, the budget itself
    CHECK(attn::query_block_rows(1024, 64, 64) == attn::kQueryBlock);
    CHECK(attn::query_block_rows(1025, 64, 64) == attn::kLargeQueryBlock);
    CHECK(attn::query_block_rows(8192, 64, 64) == attn::kLargeQueryBlock);
    CHECK(attn::query_block_rows(16, 16, 16) == attn::kQueryBlock);
}

TEST_CASE("attention_output gives the same bits for every query block size", "[streaming]") {
    const attn::OverflowAdvice advice;
    for (int trial = 0; trial < 24; ++trial) {
        const bool causal = trial % 2 == 1;
        const std::size_t n = trial == 0 ? 1100 : rng.size(1, 300), m = causal ? n : rng.size(1, 300);
        const std::size_t d_k = rng.size(1, 40), d_v = rng.size(1, 40);
        const attn::Matrix q = rng.matrix(n, d_k, -3, 3), k = rng.matrix(m, d_k, -3, 3), v = rng.matrix(m, d_v, -1, 1);
        attn::AttentionOptions options;
        options.mask = causal ? attn::Mask::causal : attn::Mask::none;
        attn::Matrix chosen, small;
        REQUIRE(attn::attention_output(chosen, q, k, v, options));
        REQUIRE(attn::detail::attention_output_blocks(small, q, k, v, options, advice, attn::kQueryBlock));
        INFO("trial " << trial << ": n " << n << ", m " << m << ", d_k " << d_k << ", d_v " << d_v);
        CHECK(same_bits(chosen, small));
        for (std::size_t block : {std::size_t{1}, std::size_t{7}, attn::kLargeQueryBlock}) {
            attn::Matrix out;
            REQUIRE(attn::detail::attention_output_blocks(out, q, k, v, options, advice, block));
            INFO("query block " << block);
            CHECK(same_bits(out, small));
        }
    }
}
