// loose_input.hpp — matrices and numbers as they arrive from a loosely typed caller
// (JavaScript arrays, parsed JSON, a table of edited cells): rows may be ragged or missing,
// cells may hold text, null or nothing. Converting them to a Matrix is where those mistakes
// are named ("Q[1][0] is a string, not a number").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "matrix.hpp"
#include "status.hpp"

namespace attn {

enum class CellKind : std::uint8_t {
    number = 0,
    string = 1,
    null = 2,
    missing = 3,  // undefined, or a hole in a sparse array
    boolean = 4,
    other = 5,    // an object, a nested array, a function, …
};

struct LooseMatrix {
    bool present = false;              // false: the argument was not given at all
    bool is_array = false;             // false: given, but not an array of rows
    std::vector<std::int32_t> row_lengths;  // per row; −1: that row is not an array
    std::vector<double> values;        // all cells, row after row (Σ non-negative row_lengths)
    std::vector<std::uint8_t> kinds;   // CellKind of each cell, same order
};

struct LooseNumber {
    CellKind kind = CellKind::missing;
    double value = 0.0;
};

// The size limits, from the row and cell counts alone: a caller checks this before copying
// a large argument in, so oversized input is refused before it takes memory.
Status check_loose_extent(std::size_t rows, std::size_t cells, const std::string& name);

// Checks structure (present, array, rows that are arrays of equal non-zero length), each cell
// (a finite number within float32's range), then the limits; fills out on success.
Status matrix_from_loose(Matrix& out, const LooseMatrix& in, const std::string& name);

// A number argument such as scale: must be a finite number.
Status number_from_loose(double& out, const LooseNumber& in, const std::string& name);

// The number of heads: a whole number from 1 to kMaxHeads.
Status heads_from_loose(std::size_t& out, const LooseNumber& in);

}  // namespace attn
