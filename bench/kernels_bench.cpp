// kernels_bench — each SIMD kernel against its scalar reference, and attention_trace, on the
// same inputs in one run. Prints the median time of several repetitions and the ratio
// reference / SIMD. Figures, not a test.
//
//   build/native/bench/kernels_bench [repetitions]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <vector>

#include "attention.hpp"
#include "matmul.hpp"
#include "softmax_row.hpp"
#include "version.hpp"

namespace {

attn::Matrix random_matrix(std::size_t r, std::size_t c, unsigned seed) {
    std::mt19937 generator(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    attn::Matrix m = attn::Matrix::from_shape({r, c});
    for (float& x : m) x = dist(generator);
    return m;
}

// Median wall time of one call, in microseconds.
double median_us(int repetitions, const std::function<void()>& call) {
    call();  // warm-up
    std::vector<double> times;
    for (int i = 0; i < repetitions; ++i) {
        const auto start = std::chrono::steady_clock::now();
        call();
        times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    return times[times.size() / 2];
}

float sink = 0.0f;  // keeps results alive

}  // namespace

int main(int argc, char** argv) {
    const int repetitions = argc > 1 ? std::atoi(argv[1]) : 15;
    std::printf("attention-steps %s kernels, native build for %s; median of %d runs\n\n", attn::kVersion,
                attn::build_arch(), repetitions);
    std::printf("%-28s %6s %5s %12s %12s %8s %9s\n", "kernel", "n", "d", "simd (us)", "scalar (us)", "ratio",
                "GFLOP/s");
    for (std::size_t n : {64u, 256u, 1024u}) {
        for (std::size_t d : {16u, 64u, 128u}) {
            const attn::Matrix q = random_matrix(n, d, 1), k = random_matrix(n, d, 2), v = random_matrix(n, d, 3);
            attn::Matrix scores, weights, out;
            // flops 0: not a product, no GFLOP/s figure.
            const auto row = [&](const char* name, double flops, double simd_us, double scalar_us) {
                std::printf("%-28s %6zu %5zu %12.1f %12.1f %7.2fx ", name, n, d, simd_us, scalar_us, scalar_us / simd_us);
                if (flops > 0) std::printf("%9.2f\n", flops / simd_us * 1e-3);
                else std::printf("%9s\n", "-");
            };
            const double product_flops = 2.0 * double(n) * double(n) * double(d);
            row("scores Q.K^T (matmul_bt)", product_flops,
                median_us(repetitions, [&] { attn::kernels::matmul_bt(scores, q, k); sink += scores(0, 0); }),
                median_us(repetitions, [&] { attn::kernels::matmul_bt_reference(scores, q, k); sink += scores(0, 0); }));
            weights = scores;
            row("softmax rows (softmax_row)", 0.0,
                median_us(repetitions, [&] {
                    attn::Matrix w = scores;
                    for (std::size_t i = 0; i < n; ++i) attn::kernels::softmax_row(attn::row_ptr(w, i), n);
                    sink += w(0, 0);
                }),
                median_us(repetitions, [&] {
                    attn::Matrix w = scores;
                    for (std::size_t i = 0; i < n; ++i) attn::kernels::softmax_row_reference(attn::row_ptr(w, i), n);
                    sink += w(0, 0);
                }));
            row("weights.V (matmul)", product_flops,
                median_us(repetitions, [&] { attn::kernels::matmul(out, weights, v); sink += out(0, 0); }),
                median_us(repetitions, [&] { attn::kernels::matmul_reference(out, weights, v); sink += out(0, 0); }));
            attn::AttentionTrace trace;
            const double trace_us = median_us(repetitions, [&] {
                (void)attn::attention_trace(trace, q, k, v);
                sink += trace.output(0, 0);
            });
            std::printf("%-28s %6zu %5zu %12.1f %12s %8s %9.2f\n", "attention_trace (all steps)", n, d, trace_us, "",
                        "", 2.0 * product_flops / trace_us * 1e-3);
        }
    }
    std::printf("\n(checksum %g)\n", double(sink));
    return 0;
}
