// exp_bench — e^x alone over a large array, in one build: the issue's "the exp is the weak
// spot" measured by itself. Prints one JSON object; figures, never a test.
//
//   y[i] = e^{x[i]},  x: kElements = 1 Mi floats uniform in [−20, 0] (mulberry32, seed 7)
//
// Built twice by bench/CMakeLists.txt:
//   WebAssembly SIMD128 (build/wasm-simd/bench/exp_bench.js, run with node):
//     simd128-exp_f32x4   the core's SIMD128 path (exp_lanes.hpp, wasm intrinsics)
//     xsimd-exp           xsimd::exp on batch<float> for SSE4.1, through Emscripten's SSE emulation
//     std-exp             std::exp (musl's expf), one lane at a time
//   native SSE4.1 (build/native/bench/exp_bench):
//     xsimd-exp           xsimd::exp on batch<float> for SSE4.1
//     exp_batch           the core's native path (exp_lanes.hpp, the same Cephes steps via xsimd)
//     std-exp             std::exp (glibc's expf), one lane at a time
// Per case: the median time of one pass over the array, as ns per element (passes repeat
// until 0.3 s have gone, at least 5, after one warm-up pass), and the largest relative
// difference from e^x computed in double.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "mulberry32.hpp"
#include "exp_lanes.hpp"
#include "simd.hpp"

namespace {

constexpr std::size_t kElements = std::size_t(1) << 20;

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// y[i] = std::exp(x[i]), one element at a time (kept scalar: no vectorisation of this loop).
void exp_std(float* y, const float* x, std::size_t n) {
#if defined(__clang__)
#pragma clang loop vectorize(disable) interleave(disable)
#endif
    for (std::size_t i = 0; i < n; ++i) y[i] = std::exp(x[i]);
}

#if ATTN_SIMD
// y = xsimd::exp(x), lanes at a time; n is a multiple of the lane count.
void exp_xsimd(float* y, const float* x, std::size_t n) {
    using attn::simd::batch;
    for (std::size_t i = 0; i < n; i += batch::size) xsimd::exp(batch::load_unaligned(x + i)).store_unaligned(y + i);
}
#endif

#if defined(__wasm_simd128__)
// y = exp_f32x4(x), 4 lanes at a time; n is a multiple of 4.
void exp_core(float* y, const float* x, std::size_t n) {
    for (std::size_t i = 0; i < n; i += 4) wasm_v128_store(y + i, attn::kernels::exp_f32x4(wasm_v128_load(x + i)));
}
constexpr const char* kCoreName = "simd128-exp_f32x4";
constexpr const char* kTarget = "wasm-simd128";
#elif ATTN_SIMD
// y = exp_batch(x), lanes at a time; n is a multiple of the lane count.
void exp_core(float* y, const float* x, std::size_t n) {
    using attn::simd::batch;
    for (std::size_t i = 0; i < n; i += batch::size)
        attn::kernels::exp_batch(batch::load_unaligned(x + i)).store_unaligned(y + i);
}
constexpr const char* kCoreName = "exp_batch";
constexpr const char* kTarget = "native";
#endif

struct Case {
    const char* name;
    void (*run)(float*, const float*, std::size_t);
};

}  // namespace

int main() {
    std::vector<float> x(kElements), y(kElements);
    Mulberry32 random{7};
    for (float& v : x) v = float(-20.0 * random.next());

    std::vector<Case> cases;
#if ATTN_SIMD
    cases.push_back({kCoreName, exp_core});
    cases.push_back({"xsimd-exp", exp_xsimd});
#endif
    cases.push_back({"std-exp", exp_std});

#if ATTN_SIMD
    std::printf("{\"target\": \"%s\", \"arch\": \"%s\", ", kTarget, attn::simd::arch_name());
#else
    std::printf("{\"target\": \"scalar\", \"arch\": \"scalar\", ");
#endif
    std::printf("\"elements\": %zu, \"inputRange\": [-20, 0], \"cases\": [", kElements);
    double checksum = 0.0;
    for (std::size_t c = 0; c < cases.size(); ++c) {
        const Case& current = cases[c];
        current.run(y.data(), x.data(), kElements);  // warm-up, and the accuracy check
        double max_relative = 0.0;
        for (std::size_t i = 0; i < kElements; ++i) {
            const double exact = std::exp(double(x[i]));
            max_relative = std::max(max_relative, std::fabs(double(y[i]) - exact) / exact);
        }
        std::vector<double> times;
        const double start = now_ms();
        while (times.size() < 5 || (now_ms() - start < 300.0 && times.size() < 1000)) {
            const double t0 = now_ms();
            current.run(y.data(), x.data(), kElements);
            times.push_back(now_ms() - t0);
            checksum += y[times.size() % kElements];
        }
        std::sort(times.begin(), times.end());
        const double ns_per_element = times[times.size() / 2] * 1e6 / double(kElements);
        std::printf("%s{\"name\": \"%s\", \"nsPerElement\": %.4f, \"runs\": %zu, \"maxRelativeError\": %.3g}",
                    c ? ", " : "", current.name, ns_per_element, times.size(), max_relative);
    }
    std::printf("], \"checksum\": %g}\n", checksum);
    return 0;
}
