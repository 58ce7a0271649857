#!/usr/bin/env python3
"""Expected values for tests/native/test_examples.cpp, computed independently of the core.

Python standard library only (no numpy): plain loops, math.exp and math.sqrt in double
precision. The inputs are first rounded to float32 (struct 'f'), because that is what the
core receives, so the numbers below are the exact answer for the core's actual inputs;
everything after that rounding is double arithmetic.

Run:   python3 tests/reference/expected_values.py
and paste its whole output between the BEGIN/END markers of test_examples.cpp. To check
that the pasted block is current:

  python3 tests/reference/expected_values.py | diff - <(sed -n '\|^// BEGIN expected_values.py|,\|^// END expected_values.py|p' tests/native/test_examples.cpp)

The examples come from /work/shared/material (see README.md there):
  004 sections 3.1/3.2/4.1/4.2, the same with the causal mask, 003 section 4, 001 section 4.2,
  000 section 4 (numbers supplied here: the article gives none), 002 section 5 (numbers from
  a fixed formula: the article draws them at random), and a small two-head example.
"""

import math
import struct

SIGNIFICANT = 7  # digits printed for computed values


# ---------------------------------------------------------------- arithmetic

def f32(x):
    """x rounded to the nearest float32, as a Python float (double)."""
    return struct.unpack('f', struct.pack('f', x))[0]


def f32_matrix(m):
    return [[f32(x) for x in row] for row in m]


def transpose(m):
    return [list(col) for col in zip(*m)]


def matmul(a, b):
    """(n×k)·(k×m), plain triple loop."""
    n, k, m = len(a), len(b), len(b[0])
    assert all(len(row) == k for row in a)
    out = []
    for i in range(n):
        row = []
        for j in range(m):
            s = 0.0
            for p in range(k):
                s += a[i][p] * b[p][j]
            row.append(s)
        out.append(row)
    return out


def softmax(row):
    """softmax over the finite entries; -inf entries get weight 0."""
    finite = [x for x in row if x != -math.inf]
    top = max(finite)
    e = [0.0 if x == -math.inf else math.exp(x - top) for x in row]
    total = sum(e)
    return [x / total for x in e]


def columns(m, first, count):
    return [row[first:first + count] for row in m]


def attention(q, k, v, scale=None, causal=False):
    """scores, scaled scores, weights, output (and the scale used) of softmax(scale·Q·Kᵀ)·V."""
    d_k = len(q[0])
    if scale is None:
        scale = 1.0 / math.sqrt(d_k)
    scores = matmul(q, transpose(k))
    scaled = [[(-math.inf if causal and j > i else scale * s) for j, s in enumerate(row)]
              for i, row in enumerate(scores)]
    weights = [softmax(row) for row in scaled]
    output = matmul(weights, v)
    return {'scale': scale, 'scores': scores, 'scaled': scaled, 'weights': weights, 'output': output}


def self_attention(x, wq, wk, wv, wo, heads, causal=False):
    q, k, v = matmul(x, wq), matmul(x, wk), matmul(x, wv)
    d_k, d_v = len(q[0]) // heads, len(v[0]) // heads
    per_head = []
    for h in range(heads):
        qh, kh, vh = columns(q, h * d_k, d_k), columns(k, h * d_k, d_k), columns(v, h * d_v, d_v)
        per_head.append({'q': qh, 'k': kh, 'v': vh, **attention(qh, kh, vh, causal=causal)})
    concat = [sum((head['output'][i] for head in per_head), []) for i in range(len(x))]
    output = matmul(concat, wo) if wo is not None else concat
    return {'q': q, 'k': k, 'v': v, 'heads': per_head, 'concat': concat, 'output': output}


# ---------------------------------------------------------------- printing

def number(x):
    if x == -math.inf:
        return 'kNegInf'
    text = '%.*g' % (SIGNIFICANT, x)
    return '0' if text == '-0' else text


def given(x):
    """An input as written (shortest repr), not its float32 expansion."""
    text = repr(float(x))
    return text[:-2] if text.endswith('.0') else text


def literal(m, fmt=number):
    return '{' + ', '.join('{' + ', '.join(fmt(x) for x in row) + '}' for row in m) + '}'


def emit(name, m, fmt=number):
    print('const Ref %s = %s;' % (name, literal(m, fmt)))


def emit_scalar(name, x):
    print('const double %s = %s;' % (name, number(x)))


def emit_attention(prefix, t):
    emit_scalar(prefix + '_scale', t['scale'])
    for key in ('scores', 'scaled', 'weights', 'output'):
        emit('%s_%s' % (prefix, key), t[key])


def emit_inputs(prefix, **inputs):
    for key, m in inputs.items():
        emit('%s_%s' % (prefix, key), m, given)


# ---------------------------------------------------------------- the examples

def example_004():
    print('// 004 sections 3.1/3.2/4.1/4.2: d_k = 2, scale 1/sqrt(2)')
    q = [[1, 2], [3, 4], [5, 6]]
    k = [[1, 0], [0, 1], [1, 1]]
    v = [[2, 0], [0, 2], [2, 2]]
    emit_inputs('ex004', Q=q, K=k, V=v)
    t = attention(f32_matrix(q), f32_matrix(k), f32_matrix(v))
    # The figures the site quotes (4 decimals) must agree with this computation.
    assert t['scores'] == [[1, 2, 3], [3, 4, 7], [5, 6, 11]]
    for got, quoted in zip(t['weights'][0], [0.1400, 0.2840, 0.5760]):
        assert abs(got - quoted) < 5e-5, (got, quoted)
    for got, quoted in zip(t['output'][0], [1.4320, 1.7199]):
        assert abs(got - quoted) < 5e-5, (got, quoted)
    emit_attention('ex004', t)
    print()
    print('// 004 with the causal mask (position i sees keys 0..i)')
    emit_attention('ex004c', attention(f32_matrix(q), f32_matrix(k), f32_matrix(v), causal=True))


def example_003():
    print('// 003 section 4: d_k = 2, scale 1/sqrt(2)')
    q = [[0.1, 0.2], [0.3, 0.4]]
    k = [[0.5, 0.6], [0.7, 0.8]]
    v = [[0.9, 1.0], [1.1, 1.2]]
    emit_inputs('ex003', Q=q, K=k, V=v)
    emit_attention('ex003', attention(f32_matrix(q), f32_matrix(k), f32_matrix(v)))
    # What the article's code computes instead: np.dot(Q, K), i.e. Q·K without the transpose.
    emit('ex003_material_q_dot_k', matmul(f32_matrix(q), f32_matrix(k)))


def example_001():
    print('// 001 section 4.2: tokens dog/cat/bird, every query [1,0,0], key [0,1,0], value [0,0,1]; d_k = 3')
    q = [[1, 0, 0]] * 3
    k = [[0, 1, 0]] * 3
    v = [[0, 0, 1]] * 3
    emit_inputs('ex001', Q=q, K=k, V=v)
    t = attention(f32_matrix(q), f32_matrix(k), f32_matrix(v))
    assert all(abs(w - 1 / 3) < 1e-15 for row in t['weights'] for w in row)
    emit_attention('ex001', t)


def example_000():
    print('// 000 section 4: X 3x5, W_Q/W_K/W_V 5x5 (numbers supplied by us), 1 head, no W_O, scale 1/sqrt(5)')
    x = [[1, 0, -1, 0.5, 0],
         [0, 1, 0.5, 0, -1],
         [0.5, -1, 0, 1, 1]]
    wq = [[0.5, 0, -0.5, 1, 0],
          [0, 1, 0, -0.5, 0.5],
          [-1, 0.5, 0, 0, 1],
          [0, 0, 1, 0.5, -0.5],
          [0.5, -0.5, 0.5, 0, 0]]
    wk = [[0, 0.5, 1, 0, -0.5],
          [1, 0, 0, 0.5, 0],
          [0.5, -1, 0.5, 0, 0],
          [0, 0.5, 0, -1, 1],
          [-0.5, 0, 0, 1, 0.5]]
    wv = [[1, 0, 0, 2, -1],
          [0, 2, 0, 0, 1],
          [0, -1, 1, 0, 0],
          [2, 0, -1, 1, 0],
          [0, 1, 0, -1, 2]]
    emit_inputs('ex000', X=x, WQ=wq, WK=wk, WV=wv)
    t = self_attention(f32_matrix(x), f32_matrix(wq), f32_matrix(wk), f32_matrix(wv), None, 1)
    emit('ex000_q', t['q'])
    emit('ex000_k', t['k'])
    emit('ex000_v', t['v'])
    emit_attention('ex000', t['heads'][0])


def ex002_entry(which, i, j):
    """002's Q, K, V (3x10) from fixed formulas instead of torch.randn; the test uses the same."""
    if which == 'Q':
        return ((i * 7 + j * 3) % 11 - 5) / 10
    if which == 'K':
        return ((i * 5 + j * 4 + 1) % 13 - 6) / 10
    return ((i * 3 + j * 5 + 2) % 7 - 3) / 4


def example_002():
    print('// 002 section 5: d_k = 10, 3 tokens; entries from ex002_entry() (torch.randn in the article)')
    q, k, v = ([[ex002_entry(w, i, j) for j in range(10)] for i in range(3)] for w in 'QKV')
    emit_inputs('ex002', Q=q, K=k, V=v)
    emit_attention('ex002', attention(f32_matrix(q), f32_matrix(k), f32_matrix(v)))


def example_multi_head():
    x = [[1, 0, 0.5, -1],
         [0, 1, -0.5, 0.5],
         [0.5, 0.5, 1, 0],
         [-1, 0, 0, 1]]
    wq = [[1, 0, 0.5, 0],
          [0, 1, 0, -0.5],
          [0.5, 0, -1, 1],
          [0, -0.5, 0, 1]]
    wk = [[0, 1, 0, 0.5],
          [1, 0, 0.5, 0],
          [1, 0.5, 1, 0],
          [-0.5, 0, 0, 1]]
    wv = [[1, 0, 0, 1],
          [0, 2, 1, 0],
          [1, 0, -1, 0],
          [0, 1, 0, 2]]
    wo = [[1, 0, 0, 0.5],
          [0, 1, 0.5, 0],
          [0, 0, 1, 0],
          [0.5, 0, 0, 1]]
    print('// two heads: X 4x4, W_Q/W_K/W_V/W_O 4x4 (numbers supplied by us), d_k = d_v = 2, scale 1/sqrt(2)')
    emit_inputs('mh', X=x, WQ=wq, WK=wk, WV=wv, WO=wo)
    for prefix, causal in (('mh', False), ('mhc', True)):
        if causal:
            print()
            print('// the same two heads with the causal mask')
        t = self_attention(f32_matrix(x), f32_matrix(wq), f32_matrix(wk), f32_matrix(wv), f32_matrix(wo), 2, causal)
        if not causal:
            emit('mh_q', t['q'])
            emit('mh_k', t['k'])
            emit('mh_v', t['v'])
        for h, head in enumerate(t['heads']):
            if not causal:
                emit('mh_h%d_q' % h, head['q'])
                emit('mh_h%d_k' % h, head['k'])
                emit('mh_h%d_v' % h, head['v'])
            emit_attention('%s_h%d' % (prefix, h), head)
        emit(prefix + '_concat', t['concat'])
        emit(prefix + '_output', t['output'])


def main():
    print('// BEGIN expected_values.py output (python3 tests/reference/expected_values.py)')
    for example in (example_004, example_003, example_001, example_000, example_002, example_multi_head):
        example()
        print()
    print('// END expected_values.py output')


if __name__ == '__main__':
    main()
