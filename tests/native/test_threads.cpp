// attention_output on a ThreadPool: query blocks split across threads give the same bits as
// one thread, the same first overflow, and one set of workers serves every call.
#include <catch2/catch.hpp>

#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "random_inputs.hpp"
#include "self_attention_output.hpp"
#include "streaming_attention.hpp"
#include "thread_pool.hpp"

namespace {

test_inputs::Random rng(2026);

bool same_bits(const attn::Matrix& a, const attn::Matrix& b) {
    return a.shape() == b.shape() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

attn::AttentionOptions with(attn::Mask mask, attn::ThreadPool* pool) {
    attn::AttentionOptions options;
    options.mask = mask;
    options.pool = pool;
    return options;
}

}  // namespace

TEST_CASE("ThreadPool runs part 0 on the caller and every other part on its own worker", "[threads]") {
    attn::ThreadPool pool(4);
    REQUIRE(pool.size() == 4);
    std::mutex mutex;
    std::vector<std::thread::id> ran(4);
    pool.run(4, [&](std::size_t p) {
        std::lock_guard<std::mutex> lock(mutex);
        ran[p] = std::this_thread::get_id();
    });
    CHECK(ran[0] == std::this_thread::get_id());
    CHECK(std::set<std::thread::id>(ran.begin(), ran.end()).size() == 4);
    CHECK(pool.parallel_runs() == 1);

    std::vector<int> hits(4, 0);
    pool.run(2, [&](std::size_t p) { hits[p] += 1; });  // fewer parts than threads
    CHECK(hits == std::vector<int>{1, 1, 0, 0});
    pool.run(9, [&](std::size_t p) { hits[p] += 1; });  // more parts than threads: clamped
    CHECK(hits == std::vector<int>{2, 2, 1, 1});

    CHECK_THROWS_WITH(pool.run(4, [](std::size_t p) { if (p == 2) throw std::runtime_error("part 2"); }), "part 2");
    pool.run(4, [&](std::size_t p) { hits[p] += 1; });  // still works after a failed run
    CHECK(hits == std::vector<int>{3, 3, 2, 2});

    attn::ThreadPool single(0);
    CHECK(single.size() == 1);
    single.run(3, [&](std::size_t p) { ran[p] = std::this_thread::get_id(); });
    CHECK(ran[0] == std::this_thread::get_id());
    CHECK(single.parallel_runs() == 0);
}

TEST_CASE("split_query_blocks: whole blocks, every part at least one, equal work", "[threads]") {
    for (int trial = 0; trial < 200; ++trial) {
        const std::size_t n = rng.size(1, 3000), m = rng.size(1, 3000), block = rng.size(1, 600), parts = rng.size(1, 6);
        const attn::Mask mask = trial % 2 ? attn::Mask::causal : attn::Mask::none;
        const std::vector<std::size_t> b = attn::split_query_blocks(n, m, mask, block, parts);
        const std::size_t blocks = (n + block - 1) / block;
        INFO("n " << n << ", m " << m << ", block " << block << ", parts " << parts);
        REQUIRE(b.size() == std::min(parts, blocks) + 1);
        CHECK(b.front() == 0);
        CHECK(b.back() == n);
        for (std::size_t p = 0; p + 1 < b.size(); ++p) {
            CHECK(b[p] < b[p + 1]);
            CHECK(b[p] % block == 0);
        }
    }
    // Without a mask, equal rows; with it, the later part (dearer rows) gets fewer.
    CHECK(attn::split_query_blocks(1024, 1024, attn::Mask::none, 32, 2) == std::vector<std::size_t>{0, 512, 1024});
    const std::vector<std::size_t> causal = attn::split_query_blocks(1024, 1024, attn::Mask::causal, 32, 2);
    REQUIRE(causal.size() == 3);
    CHECK(causal[1] > 640);   // rows [0, b) hold half the n²/2 scores at b = n/√2 ≈ 724
    CHECK(causal[1] < 800);
}

TEST_CASE("attention_output on 2, 3 and 4 threads gives the bits of one thread", "[threads]") {
    attn::ThreadPool pools[] = {attn::ThreadPool(2), attn::ThreadPool(3), attn::ThreadPool(4)};
    int threaded_trials = 0;
    for (int trial = 0; trial < 40; ++trial) {
        const bool causal = trial % 2 == 1 && trial >= 4;  // causal: m = n
        std::size_t n, m;
        if (trial < 4) {  // fewer query blocks than threads: n < threads, and n = one block + 1
            n = trial < 2 ? 3 : attn::kQueryBlock + 1;
            m = 8000;
        } else if (trial < 6) {  // past the cache budget: blocks of kLargeQueryBlock rows
            n = 1500;
            m = causal ? n : 2100;
        } else {
            n = rng.size(150, 700);
            m = causal ? n : rng.size(150, 700);
        }
        const std::size_t d_k = rng.size(8, 96), d_v = rng.size(8, 96);
        const attn::Matrix q = rng.matrix(n, d_k, -3, 3), k = rng.matrix(m, d_k, -3, 3), v = rng.matrix(m, d_v, -1, 1);
        const attn::Mask mask = causal ? attn::Mask::causal : attn::Mask::none;
        INFO("trial " << trial << ": n " << n << ", m " << m << ", d_k " << d_k << ", d_v " << d_v);
        attn::Matrix one;
        const attn::Status status = attn::attention_output(one, q, k, v, with(mask, nullptr));
        CAPTURE(status.message());
        REQUIRE(status);
        const bool threaded = attn::worth_threads(n, m, d_k, d_v) && n > attn::query_block_rows(m, d_k, d_v);
        threaded_trials += threaded ? 1 : 0;
        for (attn::ThreadPool& pool : pools) {
            const std::size_t runs = pool.parallel_runs();
            attn::Matrix many;
            REQUIRE(attn::attention_output(many, q, k, v, with(mask, &pool)));
            INFO(pool.size() << " threads");
            CHECK(same_bits(many, one));
            CHECK(pool.parallel_runs() == runs + (threaded ? 1 : 0));
        }
    }
    CHECK(threaded_trials >= 30);
}

TEST_CASE("a call too small to pay for threads stays on the calling thread", "[threads]") {
    attn::ThreadPool pool(2);
    const attn::Matrix q = rng.matrix(64, 16), k = rng.matrix(64, 16), v = rng.matrix(64, 16);
    REQUIRE_FALSE(attn::worth_threads(64, 64, 16, 16));
    attn::Matrix one, two;
    REQUIRE(attn::attention_output(one, q, k, v));
    REQUIRE(attn::attention_output(two, q, k, v, with(attn::Mask::none, &pool)));
    CHECK(same_bits(one, two));
    CHECK(pool.parallel_runs() == 0);
}

TEST_CASE("threaded attention_output reports the first overflow in row-major order, as one thread does", "[threads]") {
    attn::ThreadPool pool(3);
    for (const attn::Mask mask : {attn::Mask::none, attn::Mask::causal}) {
        // rows in different parts overflow: 500 (second or third part) and 301 (second part);
        // then 301 alone, then a row of the first part with one of the last
        for (const std::vector<std::size_t>& rows : {std::vector<std::size_t>{500, 301}, std::vector<std::size_t>{301},
                                                     std::vector<std::size_t>{599, 7}}) {
            attn::Matrix q = rng.matrix(600, 32), k = rng.matrix(600, 32), v = rng.matrix(600, 32);
            for (std::size_t row : rows) q(row, 5) = 1e20f;
            k(3, 5) = 1e20f;  // Q row i · K row 3 ≈ 1e40 for each row above (visible: 3 ≤ i)
            attn::Matrix out;
            const attn::Status one = attn::attention_output(out, q, k, v, with(mask, nullptr));
            const std::size_t runs = pool.parallel_runs();
            const attn::Status three = attn::attention_output(out, q, k, v, with(mask, &pool));
            CHECK(pool.parallel_runs() == runs + 1);
            REQUIRE_FALSE(one.ok());
            CHECK(three.code() == one.code());
            CHECK(three.message() == one.message());
            const std::size_t first = *std::min_element(rows.begin(), rows.end());
            CHECK(one.message().rfind("scores[" + std::to_string(first) + "][3] = ", 0) == 0);
        }
    }
    // An overflowing output (V near FLT_MAX) is found after every part has finished.
    attn::Matrix q = rng.matrix(400, 16), k = rng.matrix(400, 16), v = rng.matrix(400, 16, 3e38f, 3.4e38f);
    attn::Matrix out;
    const attn::Status one = attn::attention_output(out, q, k, v);
    const attn::Status three = attn::attention_output(out, q, k, v, with(attn::Mask::none, &pool));
    REQUIRE_FALSE(one.ok());
    CHECK(three.message() == one.message());
}

TEST_CASE("one pool serves 1000 calls with the same workers, and self-attention through it", "[threads]") {
    attn::ThreadPool pool(2);
    const attn::Matrix q = rng.matrix(200, 64), k = rng.matrix(200, 64), v = rng.matrix(200, 64);
    REQUIRE(attn::worth_threads(200, 200, 64, 64));
    attn::Matrix one;
    REQUIRE(attn::attention_output(one, q, k, v));
    std::mutex mutex;
    std::set<std::thread::id> workers;
    for (int call = 0; call < 1000; ++call) {
        attn::Matrix two;
        REQUIRE(attn::attention_output(two, q, k, v, with(attn::Mask::none, &pool)));
        REQUIRE(same_bits(two, one));
        pool.run(2, [&](std::size_t p) {
            std::lock_guard<std::mutex> lock(mutex);
            if (p == 1) workers.insert(std::this_thread::get_id());
        });
    }
    CHECK(pool.parallel_runs() == 2000);
    CHECK(workers.size() == 1);

    const attn::Matrix x = rng.matrix(300, 64);
    attn::SelfAttentionWeights w{rng.matrix(64, 64, -0.3f, 0.3f), rng.matrix(64, 64, -0.3f, 0.3f),
                                 rng.matrix(64, 64, -0.3f, 0.3f), rng.matrix(64, 64, -0.3f, 0.3f)};
    attn::Matrix self_one, self_two;
    REQUIRE(attn::self_attention_output(self_one, x, w, 2, with(attn::Mask::causal, nullptr)));
    const std::size_t runs = pool.parallel_runs();
    REQUIRE(attn::self_attention_output(self_two, x, w, 2, with(attn::Mask::causal, &pool)));
    CHECK(pool.parallel_runs() == runs + 2);  // one per head
    CHECK(same_bits(self_one, self_two));
}
