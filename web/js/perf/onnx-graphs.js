// ONNX models for the onnxruntime-web contestant, written as bytes from code: an ONNX model is
// a plain protobuf message (onnx.proto3, ModelProto), and onnxruntime-web's
// InferenceSession.create reads such bytes. Two models of attention on Q, K, V (float32):
//
//   plainAttentionModel(n, m, dk, dv, scale):   opset 17, ops of the default domain
//     Q (n×dk), K (m×dk), V (m×dv) → Transpose(K) → MatMul(Q, Kᵀ) → Mul(·, scale)
//     → Softmax(axis −1) → MatMul(·, V) → O (n×dv)
//   multiHeadAttentionModel(n, m, dk, dv, heads, scale):   com.microsoft.MultiHeadAttention
//     Q (1×n×heads·dk), K (1×m×heads·dk), V (1×m×heads·dv) → O (1×n×heads·dv), the
//     contrib op that runs the whole of attention in one kernel (per head: softmax(scale·QKᵀ)V)
//
// Used by bench/onnx.mjs (Node) and perf-worker.js (browser) through onnx-attention.js.

// --- protobuf wire format: varints, tags, length-delimited fields ---
const WIRE_VARINT = 0, WIRE_LENGTH = 2, WIRE_FIXED32 = 5;

function varint(value) {
  const out = [];
  let v = BigInt(value);
  if (v < 0n) v += 1n << 64n; // int64: two's complement in 10 bytes
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

const tag = (field, wire) => varint((field << 3) | wire);
const concat = (parts) => parts.flat();
const utf8 = (text) => Array.from(new TextEncoder().encode(text));

// One field of a message: parts are arrays of bytes.
const intField = (field, value) => [...tag(field, WIRE_VARINT), ...varint(value)];
const bytesField = (field, bytes) => [...tag(field, WIRE_LENGTH), ...varint(bytes.length), ...bytes];
const stringField = (field, text) => bytesField(field, utf8(text));
const messageField = bytesField;
function floatField(field, value) {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, value, true);
  return [...tag(field, WIRE_FIXED32), ...b];
}

// --- ONNX messages (field numbers of onnx.proto3) ---
const FLOAT = 1; // TensorProto.DataType
const ATTRIBUTE_FLOAT = 1, ATTRIBUTE_INT = 2, ATTRIBUTE_INTS = 7; // AttributeProto.AttributeType

// AttributeProto: name 1, f 2, i 3, ints 8, type 20
function attribute(name, value) {
  if (Array.isArray(value)) return concat([stringField(1, name), ...value.map((v) => intField(8, v)), intField(20, ATTRIBUTE_INTS)]);
  if (Number.isInteger(value.int)) return concat([stringField(1, name), intField(3, value.int), intField(20, ATTRIBUTE_INT)]);
  return concat([stringField(1, name), floatField(2, value.float), intField(20, ATTRIBUTE_FLOAT)]);
}

// NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, domain 7
function node(opType, inputs, outputs, { attributes = {}, domain = '' } = {}) {
  return concat([
    ...inputs.map((name) => stringField(1, name)),
    ...outputs.map((name) => stringField(2, name)),
    stringField(3, `${opType}_${outputs[0]}`),
    stringField(4, opType),
    ...Object.entries(attributes).map(([name, value]) => messageField(5, attribute(name, value))),
    domain ? stringField(7, domain) : [],
  ]);
}

// ValueInfoProto { name 1, type 2: TypeProto { tensor_type 1: { elem_type 1, shape 2: { dim 1: { dim_value 1 } } } } }
function tensorValue(name, dims) {
  const shape = concat(dims.map((d) => messageField(1, intField(1, d))));
  const tensorType = concat([intField(1, FLOAT), messageField(2, shape)]);
  return concat([stringField(1, name), messageField(2, messageField(1, tensorType))]);
}

// TensorProto: dims 1, data_type 2, float_data 4 (packed), name 8
function floatTensor(name, dims, values) {
  const data = new Uint8Array(4 * values.length);
  values.forEach((v, i) => new DataView(data.buffer).setFloat32(4 * i, v, true));
  return concat([...dims.map((d) => intField(1, d)), intField(2, FLOAT), bytesField(4, Array.from(data)), stringField(8, name)]);
}

// ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8 { domain 1, version 2 }.
// GraphProto: node 1, name 2, initializer 5, input 11, output 12.
function model({ nodes, initializers = [], inputs, outputs, opsets }) {
  const graph = concat([
    ...nodes.map((n) => messageField(1, n)),
    stringField(2, 'attention'),
    ...initializers.map((t) => messageField(5, t)),
    ...inputs.map(([name, dims]) => messageField(11, tensorValue(name, dims))),
    ...outputs.map(([name, dims]) => messageField(12, tensorValue(name, dims))),
  ]);
  return new Uint8Array(concat([
    intField(1, 8), // IR version 8 (ONNX 1.10+)
    stringField(2, 'attention-steps bench'),
    messageField(7, graph),
    ...Object.entries(opsets).map(([domain, version]) => messageField(8, concat([domain ? stringField(1, domain) : [], intField(2, version)]))),
  ]));
}

/** Transpose → MatMul → Mul → Softmax → MatMul: inputs q (n×dk), k (m×dk), v (m×dv); output o (n×dv). */
export function plainAttentionModel(n, m, dk, dv, scale) {
  return model({
    nodes: [
      node('Transpose', ['k'], ['kt'], { attributes: { perm: [1, 0] } }),
      node('MatMul', ['q', 'kt'], ['scores']),
      node('Mul', ['scores', 'scale'], ['scaled']),
      node('Softmax', ['scaled'], ['weights'], { attributes: { axis: { int: -1 } } }),
      node('MatMul', ['weights', 'v'], ['o']),
    ],
    initializers: [floatTensor('scale', [], [scale])],
    inputs: [['q', [n, dk]], ['k', [m, dk]], ['v', [m, dv]]],
    outputs: [['o', [n, dv]]],
    opsets: { '': 17 },
  });
}

/** com.microsoft.MultiHeadAttention: inputs q (1×n×heads·dk), k (1×m×heads·dk), v (1×m×heads·dv); output o (1×n×heads·dv). */
export function multiHeadAttentionModel(n, m, dk, dv, heads, scale) {
  return model({
    nodes: [node('MultiHeadAttention', ['q', 'k', 'v'], ['o'], {
      domain: 'com.microsoft', attributes: { num_heads: { int: heads }, scale: { float: scale } },
    })],
    inputs: [['q', [1, n, heads * dk]], ['k', [1, m, heads * dk]], ['v', [1, m, heads * dv]]],
    outputs: [['o', [1, n, heads * dv]]],
    opsets: { '': 17, 'com.microsoft': 1 },
  });
}
