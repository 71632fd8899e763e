using QGan.MLNet.Transforms.Onnx;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Onnx;

namespace QGan.MLNet.Trainers.Production;

/// <summary>
/// Compiles the statevector simulation of the style circuit into standard ONNX operators (opset 13+, no custom
/// ops): noise [N, D] -&gt; readout [N, K], for any batch size N.
/// <list type="number">
/// <item>Angles: <c>(noise @ S) * w + b</c> with the constant 0/1 selection matrix S[d, g] = [g mod D == d].</item>
/// <item>Per-sample gate matrices, for all gates at once: every rotation is <c>K + cos E + sin F</c> in a real
/// embedding of the complex amplitudes (<see cref="RotationEmbedding"/>). The four rotations RY RZ RY RZ of a qubit in
/// a layer are fused into one 4x4 matrix per sample by three batched MatMuls.</item>
/// <item>Each qubit's fused block is folded into the first CRY(q, q+1 mod n) that touches it, so a layer is n
/// two-qubit steps (<see cref="LayerSteps"/>), and two consecutive steps are multiplied into one three-qubit matrix
/// (<see cref="PairSteps"/>).</item>
/// <item>The state is one float tensor of 2^n (re, im) pairs per sample. A step always acts on the lowest bits: the
/// state viewed as rows [N, 2^n/8, 16] is multiplied by the sample's matrix, a plain batched MatMul. Then the qubits
/// are rotated cyclically (a Transpose moving the lowest bits to the top), so the next step's qubits are the lowest;
/// a full sweep restores the order. The final RY layer is applied the same way, two qubits per 8x8 step.</item>
/// <item>Readout: single-qubit expectations as reductions over the two halves of the state split on that qubit's bit:
/// Z = sum |a0|^2 - |a1|^2, X = 2 sum Re(a0* a1), Y = 2 sum Im(a0* a1).</item>
/// </list>
/// For 12 qubits and 8 layers this is 544 nodes; the constants besides the weights are the selection matrix, the
/// 2^n-pair ground state and a few small embedding matrices.
/// </summary>
internal static class StyleCircuitOnnxCompiler
{
    public static OnnxValue Emit(OnnxGraphBuilder builder, string path, OnnxValue noise, StyleArchitecture arch, float[] weights, float[] biases)
    {
        ArgumentNullException.ThrowIfNull(arch);
        int n = arch.Qubits, layers = arch.Layers, d = arch.LatentDim, gates = arch.EncodedGateCount;
        if (weights.Length != gates || biases.Length != gates)
        {
            throw new ArgumentException($"the circuit has {gates} encoded gates but {weights.Length} weights and {biases.Length} biases");
        }
        if (noise.Rank != 2 || noise.Shape[1] != d)
        {
            throw new UnsupportedModuleException(path, typeof(StyleCircuitOnnxCompiler), $"expects noise [N, {d}] but receives {noise}.");
        }
        var ops = new OnnxOps(builder, path);

        // 1. Angles [N, G] and the cos / sin of the half angles.
        var selection = new float[d * gates];
        for (int g = 0; g < gates; g++)
        {
            selection[(g % d) * gates + g] = 1f;
        }
        var angles = ops.Add(
            ops.Mul(ops.MatMul(noise.Name, ops.Floats("noise_selection", [d, gates], selection)), ops.Floats("weights", [gates], weights)),
            ops.Floats("biases", [gates], biases));
        var half = ops.Mul(angles, ops.Scalar("half", 0.5f));
        var cos = ops.Node("Cos", half);
        var sin = ops.Node("Sin", half);

        // 2. Per-sample matrices (transposed, for row-vector states), grouped by gate role.
        var embeddings = new Dictionary<RotationEmbedding, (string K, string E, string F)>();
        string Rotations(RotationEmbedding embedding, long[] gateIndices)
        {
            if (!embeddings.TryGetValue(embedding, out var c))
            {
                long m = embedding.Size;
                string name = embedding == RotationEmbedding.Ry ? "ry" : embedding == RotationEmbedding.Rz ? "rz" : "cry";
                c = (ops.Floats($"{name}_const", [m, m], embedding.ConstantTransposed),
                    ops.Floats($"{name}_cos", [m, m], embedding.CosTransposed),
                    ops.Floats($"{name}_sin", [m, m], embedding.SinTransposed));
                embeddings[embedding] = c;
            }
            var index = ops.Int64s(gateIndices);
            var cg = ops.Unsqueeze(ops.Gather(cos, index, 1), 2, 3);
            var sg = ops.Unsqueeze(ops.Gather(sin, index, 1), 2, 3);
            return ops.Add(ops.Add(ops.Mul(cg, c.E), ops.Mul(sg, c.F)), c.K);   // [N, k, m, m]
        }

        // Flat angle index of each gate (the order of StyleArchitecture.GateSkeleton).
        long Block(int layer, int q) => 5L * n * layer + 4 * q;
        long Cry(int layer, int q) => 5L * n * layer + 4L * n + q;
        long FinalRy(int q) => 5L * n * layers + q;
        string? steps = null;
        if (layers > 0)
        {
            long[] Role(int offset) => [.. Enumerable.Range(0, layers * n).Select(i => Block(i / n, i % n) + offset)];
            // Column form: U = RZ(d) RY(c) RZ(b) RY(a); transposed: U^T = RY(a)^T RZ(b)^T RY(c)^T RZ(d)^T.
            var fused = ops.MatMul(ops.MatMul(ops.MatMul(
                Rotations(RotationEmbedding.Ry, Role(0)), Rotations(RotationEmbedding.Rz, Role(1))),
                Rotations(RotationEmbedding.Ry, Role(2))), Rotations(RotationEmbedding.Rz, Role(3)));
            var controlled = Rotations(RotationEmbedding.ControlledRy,
                [.. Enumerable.Range(0, layers * n).Select(i => Cry(i / n, i % n))]);
            steps = LayerSteps(ops, fused, controlled, n, layers);
        }
        var final = Rotations(RotationEmbedding.Ry, [.. Enumerable.Range(0, n).Select(q => FinalRy(q))]);

        // 3. Statevector evolution, starting from |0...0> (amplitude 0 = 1 + 0i) broadcast to the batch.
        long dim = 1L << n;
        var initial = new float[2 * dim];
        initial[0] = 1f;
        var batchShape = ops.Concat(0, ops.Node("Slice", ops.Node("Shape", noise.Name), ops.Int64s(0), ops.Int64s(1)), ops.Int64s(2 * dim));
        var state = ops.Node("Expand", ops.Floats("ground_state", [1, 2 * dim], initial), batchShape);

        string Apply(string x, string matrices, int index, long size) =>
            ops.MatMul(ops.Reshape(x, 0, -1, size), ops.Gather(matrices, ops.Int64Scalar(index), 1));
        // Lowest bits to the top: [N, 2^n/2^b, 2^b (bits), 2 (re/im)] -> [N, 2^b (bits), 2^n/2^b, 2 (re/im)].
        string Rotate(string x, int bits) => ops.Transpose(ops.Reshape(x, 0, dim >> bits, 1L << bits, 2), 0, 2, 1, 3);

        // Two consecutive steps form one matrix over three bits (16x16), applied before a rotation by two bits: half
        // the passes over the state for the same arithmetic. An odd qubit count leaves one single step per sweep.
        int pairs = n / 2;
        string? layerPairs = layers > 0 && pairs > 0 ? PairSteps(ops, steps!, n, layers) : null;
        for (int layer = 0; layer < layers; layer++)
        {
            for (int p = 0; p < pairs; p++)
            {
                state = Rotate(Apply(state, layerPairs!, layer * pairs + p, 16), 2);
            }
            if (n % 2 == 1)
            {
                state = Rotate(Apply(state, steps!, layer * n + n - 1, 8), 1);
            }
        }
        // Final RY layer: two single-qubit rotations per 8x8 step.
        if (pairs > 0)
        {
            var lowerQubits = Enumerable.Range(0, pairs).Select(p => (long)(2 * p)).ToArray();
            var upperQubits = Enumerable.Range(0, pairs).Select(p => (long)(2 * p + 1)).ToArray();
            var finalPairs = ops.MatMul(
                OnLowerBit(ops, ops.Gather(final, ops.Int64s(lowerQubits), 1), pairs),
                OnHigherBit(ops, ops.Gather(final, ops.Int64s(upperQubits), 1), pairs));
            for (int p = 0; p < pairs; p++)
            {
                state = Rotate(Apply(state, finalPairs, p, 8), 2);
            }
        }
        if (n % 2 == 1)
        {
            state = Rotate(Apply(state, final, n - 1, 4), 1);
        }

        // 4. Readout in the order of the Readout enum.
        var two = ops.Scalar("two", 2f);
        var expectations = new Dictionary<(char, int), string>();
        string Expectation(char pauli, int q)
        {
            if (expectations.TryGetValue((pauli, q), out var cached))
            {
                return cached;
            }
            // [N, high bits, 2 (bit q), low bits, 2 (re/im)]
            var split = ops.Reshape(state, 0, dim >> (q + 1), 2, 1L << q, 2);
            var a0 = ops.Slice(split, 0, 1, 2);
            var a1 = ops.Slice(split, 1, 2, 2);
            string summand = pauli switch
            {
                'Z' => ops.Sub(ops.Mul(a0, a0), ops.Mul(a1, a1)),
                'X' => ops.Mul(ops.Mul(a0, a1), two),
                // 2 Im(conj(a0) a1) = 2 (re0 im1 - im0 re1)
                _ => ops.Mul(ops.Sub(
                    ops.Mul(ops.Slice(a0, 0, 1, 4), ops.Slice(a1, 1, 2, 4)),
                    ops.Mul(ops.Slice(a0, 1, 2, 4), ops.Slice(a1, 0, 1, 4))), two),
            };
            var value = ops.Reshape(ops.ReduceSum(summand, [1, 2, 3, 4], keepDims: true), 0, 1);
            expectations[(pauli, q)] = value;
            return value;
        }
        var order = arch.Readout switch
        {
            Readout.ZX => "ZX",
            Readout.Z => "Z",
            Readout.XYZ => "XYZ",
            _ => throw new NotSupportedException($"readout {arch.Readout} cannot be compiled"),
        };
        var columns = order.SelectMany(p => Enumerable.Range(0, n).Select(q => Expectation(p, q))).ToArray();
        var output = columns.Length == 1 ? columns[0] : ops.Concat(1, columns);
        return new OnnxValue(output, [OnnxValue.Dynamic, arch.OutputCount]);
    }

    /// <summary>
    /// One two-qubit matrix per (layer, step k), transposed, [N, L n, 8, 8] over (higher bit, lower bit, re/im).
    /// Step k acts on (q_{k+1 mod n}, q_k) and is <c>CRY(k, k+1) (U_{k+1} (x) I)</c>, step 0 also carries U_0 on its
    /// lower bit: a single-qubit block U_q commutes with every CRY not touching q, so it can be applied right before
    /// the first CRY that touches q. This halves the passes over the state compared with separate sweeps.
    /// </summary>
    private static string LayerSteps(OnnxOps ops, string fused, string controlled, int n, int layers)
    {
        int count = layers * n;
        // Entry `count` of the extended tensor is the identity (0 * U + I keeps the batch dimension).
        var identity = ops.Add(
            ops.Mul(ops.Gather(fused, ops.Int64s(0), 1), ops.Scalar("zero", 0f)),
            ops.Floats("identity4", [4, 4], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]));
        var extended = ops.Concat(1, fused, identity);
        var higher = new long[count];
        var lower = new long[count];
        for (int layer = 0; layer < layers; layer++)
        {
            for (int k = 0; k < n; k++)
            {
                higher[layer * n + k] = k <= n - 2 ? layer * n + k + 1 : count;
                lower[layer * n + k] = k == 0 ? layer * n : count;
            }
        }
        var onHigher = OnHigherBit(ops, ops.Gather(extended, ops.Int64s(higher), 1), count);
        var onLower = OnLowerBit(ops, ops.Gather(extended, ops.Int64s(lower), 1), count);
        // Column form M = C Hi Lo; transposed M^T = Lo^T Hi^T C^T (all three are already transposed).
        return ops.MatMul(ops.MatMul(onLower, onHigher), controlled);
    }

    /// <summary>
    /// Steps 2p and 2p+1 of each layer as one transposed 16x16 matrix over (bit 2, bit 1, bit 0, re/im): step 2p acts
    /// on bits (1, 0), step 2p+1 on bits (2, 1) (its qubits one position up). [N, L (n/2), 16, 16].
    /// </summary>
    private static string PairSteps(OnnxOps ops, string steps, int n, int layers)
    {
        int pairs = n / 2, count = layers * pairs;
        var first = new long[count];
        var second = new long[count];
        for (int layer = 0; layer < layers; layer++)
        {
            for (int p = 0; p < pairs; p++)
            {
                first[layer * pairs + p] = layer * n + 2 * p;
                second[layer * pairs + p] = layer * n + 2 * p + 1;
            }
        }
        // First: identity on bit 2 (kron(I, T)). Second: identity on bit 0, which sits between bit 1 and re/im.
        var lowerPair = ops.Reshape(ops.Mul(
            ops.Reshape(ops.Gather(steps, ops.Int64s(first), 1), 0, count, 1, 8, 1, 8),
            ops.Floats("identity_bit2", [1, 1, 2, 1, 2, 1], [1, 0, 0, 1])), 0, count, 16, 16);
        var upperPair = ops.Reshape(ops.Mul(
            ops.Reshape(ops.Gather(steps, ops.Int64s(second), 1), 0, count, 2, 2, 1, 2, 2, 2, 1, 2),
            ops.Floats("identity_bit0", [1, 1, 1, 1, 2, 1, 1, 1, 2, 1], [1, 0, 0, 1])), 0, count, 16, 16);
        // Column form M = M_second M_first; transposed M^T = M_first^T M_second^T.
        return ops.MatMul(lowerPair, upperPair);
    }

    /// <summary>[N, c, 4, 4] over (bit, re/im) -&gt; [N, c, 8, 8] over (higher, lower, re/im), acting on the higher bit.</summary>
    private static string OnHigherBit(OnnxOps ops, string m4, int count) => ops.Reshape(ops.Mul(
        ops.Reshape(m4, 0, count, 2, 1, 2, 2, 1, 2),
        ops.Floats("identity_lower", [1, 1, 1, 2, 1, 1, 2, 1], [1, 0, 0, 1])), 0, count, 8, 8);

    /// <summary>[N, c, 4, 4] over (bit, re/im) -&gt; [N, c, 8, 8] over (higher, lower, re/im), acting on the lower bit.</summary>
    private static string OnLowerBit(OnnxOps ops, string m4, int count) => ops.Reshape(ops.Mul(
        ops.Reshape(m4, 0, count, 1, 2, 2, 1, 2, 2),
        ops.Floats("identity_higher", [1, 1, 2, 1, 1, 2, 1, 1], [1, 0, 0, 1])), 0, count, 8, 8);
}
