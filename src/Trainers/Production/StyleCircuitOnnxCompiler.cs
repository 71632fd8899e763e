using QGan.MLNet.Transforms.Onnx;
using QGan.MLNet.Quantum.Style;
using QGan.MLNet.Trainers.Onnx;

namespace QGan.MLNet.Trainers.Production;

/// <summary>
/// Compiles the statevector simulation of the style circuit into standard ONNX operators (opset 13+, no custom
/// ops): noise [N, D] -&gt; readout [N, K], for any batch size N. The graph takes the C# engine's exact shortcuts
/// (docs/quantum-engine.md), so it does the same arithmetic the engine does, only in batched MatMuls:
/// <list type="number">
/// <item>Angles <c>(noise @ S) * w + b</c> (S the constant 0/1 selection matrix S[d, g] = [g mod D = d]); the
/// cosines and sines of the half angles.</item>
/// <item><b>Fused single-qubit blocks.</b> The four rotations RY RZ RY RZ of a qubit in a layer are one SU(2) matrix
/// [[a + ib, -c + id], [c + id, a - ib]], multiplied out in closed form (element-wise products of the cosines and
/// sines, for all blocks of all samples at once).</item>
/// <item><b>The first layer as a product state.</b> Layer 0's blocks act on |0...0&gt;, so the state after them is the
/// product of the blocks' first columns. It is built qubit by qubit, and each CRY(q-1, q) of layer 0 is applied
/// while qubit q is added (the state then has only q+1 qubits): the whole first layer costs about two passes over
/// the full state instead of n/2.</item>
/// <item>Layers 1..L-1: each qubit's block is folded into the first CRY that touches it, and two consecutive CRY
/// steps form one three-qubit matrix (16x16 over (bits, re/im), built by <see cref="StyleStepMatrices"/>); the state,
/// one float tensor of 2^n (re, im) pairs per sample, is multiplied by it as rows [N, 2^n/8, 16] (a plain batched
/// MatMul) and rotated cyclically by two qubits (a Transpose), so the next step's qubits are the lowest. n/2 passes
/// per layer (an odd qubit count adds one two-qubit step).</item>
/// <item><b>The last rotations folded into the observables.</b> The final RY(t_q) acts only on the qubit that is read,
/// so instead of rotating the state the readout is rotated: Z' = cos t Z - sin t X, X' = cos t X + sin t Z, Y' = Y.</item>
/// <item>Readout: the reduced density matrix of the three lowest qubits is one Gram MatMul (rows of the state viewed
/// as [N, 2^n/8, 16]); constant linear maps turn it into &lt;X&gt;, &lt;Y&gt;, &lt;Z&gt; of those qubits; the state is rotated
/// by three qubits for the next group. Without Y (the Z and ZX readouts) the other groups need only the real part of
/// their reduced density matrix, one Gram MatMul over groups of four or five qubits each.</item>
/// </list>
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
        // Gate-major [G, N]: every per-gate tensor below has the samples as its innermost, contiguous axis.
        var half = ops.Transpose(ops.Mul(angles, ops.Scalar("half", 0.5f)), 1, 0);
        var cos = ops.Node("Cos", half);
        var sin = ops.Node("Sin", half);

        var layout = new GateIndex(n, layers);
        long dim = 1L << n;
        string state;
        if (layers == 0)
        {
            var initial = new float[2 * dim];
            initial[0] = 1f;
            var batchShape = ops.Concat(0, ops.Node("Slice", ops.Node("Shape", noise.Name), ops.Int64s(0), ops.Int64s(1)), ops.Int64s(2 * dim));
            state = ops.Node("Expand", ops.Floats("ground_state", [1, 2 * dim], initial), batchShape);
        }
        else
        {
            // 2. Every block of every layer as SU(2) parameters (a, b, c, d) [L n, N].
            var (a, b, c, dd) = FusedBlocks(ops, layout, cos, sin);
            var groups = Groups(n);
            state = FirstLayer(ops, layout, groups[^1].Start, a, b, c, dd, cos, sin);
            state = LaterLayers(ops, layout, groups, state, BlockParameters(ops, a, b, c, dd), cos, sin);
        }

        // 3. Readout of the state before the final RY layer, then the final RYs folded in.
        var xyz = arch.Readout == QGan.MLNet.Quantum.Style.Readout.XYZ
            ? Readout(ops, state, n)                                                      // [N, 3n]: X_q, Y_q, Z_q
            : ReadoutWithoutY(ops, state, n);                                             // the same, Y_q left 0
        long[] Column(int which) => [.. Enumerable.Range(0, n).Select(q => 3L * q + which)];
        var x = ops.Gather(xyz, ops.Int64s(Column(0)), 1);
        var y = ops.Gather(xyz, ops.Int64s(Column(1)), 1);
        var z = ops.Gather(xyz, ops.Int64s(Column(2)), 1);
        var finalIndices = ops.Int64s([.. Enumerable.Range(0, n).Select(q => layout.FinalRy(q))]);
        var fc = ops.Transpose(ops.Gather(cos, finalIndices, 0), 1, 0);                   // [N, n]
        var fs = ops.Transpose(ops.Gather(sin, finalIndices, 0), 1, 0);
        var cosT = ops.Sub(ops.Mul(fc, fc), ops.Mul(fs, fs));                            // cos t = c^2 - s^2
        var sinT = ops.Mul(ops.Mul(fc, fs), ops.Scalar("two", 2f));                      // sin t = 2 s c
        var zOut = ops.Sub(ops.Mul(cosT, z), ops.Mul(sinT, x));
        var xOut = ops.Add(ops.Mul(cosT, x), ops.Mul(sinT, z));
        var columns = arch.Readout switch
        {
            QGan.MLNet.Quantum.Style.Readout.ZX => new[] { zOut, xOut },
            QGan.MLNet.Quantum.Style.Readout.Z => [zOut],
            QGan.MLNet.Quantum.Style.Readout.XYZ => [xOut, y, zOut],
            _ => throw new NotSupportedException($"readout {arch.Readout} cannot be compiled"),
        };
        var output = columns.Length == 1 ? columns[0] : ops.Concat(1, columns);
        return new OnnxValue(output, [OnnxValue.Dynamic, arch.OutputCount]);
    }

    /// <summary>Flat angle indices in the order of <see cref="StyleArchitecture.GateSkeleton"/>.</summary>
    private sealed record GateIndex(int Qubits, int Layers)
    {
        public long Block(int layer, int q, int role) => 5L * Qubits * layer + 4 * q + role;

        public long Cry(int layer, int control) => 5L * Qubits * layer + 4L * Qubits + control;

        public long FinalRy(int q) => 5L * Qubits * Layers + q;
    }

    /// <summary>
    /// U = RZ(t3) RY(t2) RZ(t1) RY(t0) of every (layer, qubit) as a + ib = U00, c + id = U10, each [L n, N] (index l n + q),
    /// using the SU(2) product rule (alpha, beta) = (a1 a2 - conj(b1) b2, b1 a2 + conj(a1) b2).
    /// </summary>
    private static (string A, string B, string C, string D) FusedBlocks(OnnxOps ops, GateIndex layout, string cos, string sin)
    {
        int n = layout.Qubits, layers = layout.Layers;
        string Role(string source, int role) => ops.Gather(source,
            ops.Int64s([.. Enumerable.Range(0, layers * n).Select(i => layout.Block(i / n, i % n, role))]), 0);
        var c0 = Role(cos, 0); var s0 = Role(sin, 0);
        var c1 = Role(cos, 1); var s1 = Role(sin, 1);
        var c2 = Role(cos, 2); var s2 = Role(sin, 2);
        var c3 = Role(cos, 3); var s3 = Role(sin, 3);
        // RZ(t1) RY(t0): alpha = c1 c0 - i s1 c0, beta = c1 s0 + i s1 s0.
        var alphaRe = ops.Mul(c1, c0);
        var alphaIm = ops.Node("Neg", ops.Mul(s1, c0));
        var betaRe = ops.Mul(c1, s0);
        var betaIm = ops.Mul(s1, s0);
        // RY(t2) (...): alpha' = c2 alpha - s2 beta, beta' = s2 alpha + c2 beta.
        var a2Re = ops.Sub(ops.Mul(c2, alphaRe), ops.Mul(s2, betaRe));
        var a2Im = ops.Sub(ops.Mul(c2, alphaIm), ops.Mul(s2, betaIm));
        var b2Re = ops.Add(ops.Mul(s2, alphaRe), ops.Mul(c2, betaRe));
        var b2Im = ops.Add(ops.Mul(s2, alphaIm), ops.Mul(c2, betaIm));
        // RZ(t3) (...): alpha'' = (c3 - i s3) alpha', beta'' = (c3 + i s3) beta'.
        var a = ops.Add(ops.Mul(c3, a2Re), ops.Mul(s3, a2Im));
        var b = ops.Sub(ops.Mul(c3, a2Im), ops.Mul(s3, a2Re));
        var c = ops.Sub(ops.Mul(c3, b2Re), ops.Mul(s3, b2Im));
        var d = ops.Add(ops.Mul(c3, b2Im), ops.Mul(s3, b2Re));
        return (a, b, c, d);
    }

    /// <summary>
    /// Layer 0 on |0...0&gt; for qubits 0 .. <paramref name="count"/>-1: the product of the blocks' first columns
    /// (alpha_q, beta_q), built from qubit 0 upwards; when qubit q is added, CRY(q-1, q) is applied at once (qubit q-1
    /// is then the top bit of the state, so its value selects RY(t) (alpha_q, beta_q) instead of (alpha_q, beta_q)).
    /// The last group of qubits and layer 0's closing CRY(n-1, 0) are left to <see cref="LaterLayers"/>. Returns the
    /// state in the standard order (qubit 0 lowest, re/im innermost).
    /// </summary>
    private static string FirstLayer(OnnxOps ops, GateIndex layout, int count, string a, string b, string c, string d, string cos, string sin)
    {
        string Row(string x, long index) => ops.Gather(x, ops.Int64s(index), 0);              // [1, N]
        var state = ops.Transpose(ops.Concat(0, Row(a, 0), Row(b, 0), Row(c, 0), Row(d, 0)), 1, 0);   // [N, 4]: alpha_0, beta_0
        // (1, cos, sin) of the given gates: [3, count, N].
        string Trig(long[] gates)
        {
            var indices = ops.Int64s(gates);
            var cg = ops.Gather(cos, indices, 0);
            var one = ops.Add(ops.Mul(cg, ops.Scalar("zero", 0f)), ops.Scalar("one", 1f));
            return ops.Concat(0, ops.Unsqueeze(one, 0), ops.Unsqueeze(cg, 0), ops.Unsqueeze(ops.Gather(sin, indices, 0), 0));
        }
        string Blocks(long[] qubits) => ops.Concat(0, [.. new[] { a, b, c, d }.Select(x => ops.Unsqueeze(ops.Gather(x, ops.Int64s(qubits), 0), 0))]);

        if (count == 1)
        {
            return state;
        }
        // W [N, 2 (control), 2 (re/im in), 4 (new bit, re/im out)] of qubits 1 .. count-1, from (a, b, c, d) x (1, cos, sin).
        var qubits = Enumerable.Range(1, count - 1).Select(q => (long)q).ToArray();
        var outer = ops.Mul(ops.Unsqueeze(Blocks(qubits), 1), ops.Unsqueeze(Trig([.. qubits.Select(q => layout.Cry(0, (int)q - 1))]), 0));
        var w = ops.MatMul(ops.Floats("product_state_map", [16, 12], ProductStateMap()), ops.Reshape(outer, 12, -1));
        var steps = ops.Transpose(ops.Reshape(w, 16, count - 1, -1), 1, 2, 0);             // [count-1, N, 16]
        for (int q = 1; q < count; q++)
        {
            // One MatMul per value of the new qubit, [N, c, rest, re/im] each, stacked on top (a copy of two
            // contiguous halves): the new qubit becomes the top bit without a transpose of the state.
            var rows = ops.Reshape(state, 0, 2, -1, 2);
            var wq = ops.Reshape(ops.Gather(steps, ops.Int64Scalar(q - 1), 0), 0, 2, 2, 4);
            string Half(long bit) => ops.Unsqueeze(ops.MatMul(rows, ops.Slice(wq, bit * 2, bit * 2 + 2, 3)), 1);
            state = ops.Concat(1, Half(0), Half(1));
        }
        return state;
    }

    /// <summary>
    /// The 16 entries of W (multiplication of a state row by the new qubit's amplitude w_{control, bit}) as rows over
    /// the products (a, b, c, d) x (1, cos, sin): w_{0, bit} = (alpha, beta), w_{1, bit} = RY(t) w_{0, bit} =
    /// (cos alpha - sin beta, sin alpha + cos beta); a row (re, im) times w = (wr, wi) is (re wr - im wi, re wi + im wr),
    /// i.e. the 2x2 block [[wr, wi], [-wi, wr]]. Entry (control, re/im in, bit, re/im out) is row c 8 + r 4 + bit 2 + s.
    /// </summary>
    private static float[] ProductStateMap()
    {
        const int A = 0, B = 1, C = 2, D = 3, One = 0, Cos = 1, Sin = 2;
        (int P, int T, float V)[] Part(int control, int bit, bool imaginary) => (control, bit, imaginary) switch
        {
            (0, 0, false) => [(A, One, 1)],
            (0, 0, true) => [(B, One, 1)],
            (0, 1, false) => [(C, One, 1)],
            (0, 1, true) => [(D, One, 1)],
            (1, 0, false) => [(A, Cos, 1), (C, Sin, -1)],
            (1, 0, true) => [(B, Cos, 1), (D, Sin, -1)],
            (1, 1, false) => [(A, Sin, 1), (C, Cos, 1)],
            _ => [(B, Sin, 1), (D, Cos, 1)],
        };
        var map = new float[16 * 12];
        for (int control = 0; control < 2; control++)
        {
            for (int rIn = 0; rIn < 2; rIn++)
            {
                for (int bit = 0; bit < 2; bit++)
                {
                    for (int rOut = 0; rOut < 2; rOut++)
                    {
                        int entry = control * 8 + rIn * 4 + bit * 2 + rOut;
                        float sign = rIn == 1 && rOut == 0 ? -1f : 1f;
                        foreach (var (p, t, v) in Part(control, bit, imaginary: rIn != rOut))
                        {
                            map[entry * 12 + p * 3 + t] += sign * v;
                        }
                    }
                }
            }
        }
        return map;
    }

    /// <summary>[4, L n + 1, N]: the (a, b, c, d) of every block and, last, the identity block (1, 0, 0, 0).</summary>
    private static string BlockParameters(OnnxOps ops, string a, string b, string c, string d)
    {
        var zero = ops.Mul(ops.Gather(a, ops.Int64s(0), 0), ops.Scalar("zero", 0f));
        var one = ops.Add(zero, ops.Scalar("one", 1f));
        string WithIdentity(string x, string identity) => ops.Unsqueeze(ops.Concat(0, x, identity), 0);
        return ops.Concat(0, WithIdentity(a, one), WithIdentity(b, zero), WithIdentity(c, zero), WithIdentity(d, zero));
    }

    /// <summary>
    /// The CRY(n-1, 0) that ends layer 0, layers 1..L-1 and the CRY(n-1, 0) that ends layer L-1, from the standard order.
    /// The qubits are taken in groups of up to three (fewer than n, so the state's top bit is never in the group),
    /// lowest first. The step of group (s .. s+g-1) is one matrix over (its g bits, re/im) for each value of the state's
    /// top bit, which at that moment is qubit s-1 (the previous group's highest, rotated to the top) or, for the first
    /// group, qubit n-1: the CRY entering the group, CRY(s-1, s), is RY on the group's lowest bit where the top bit is
    /// 1. So the whole ring of a layer costs one pass per group (n/3 MatMuls of [N, 2, 2^n/2^(g+1), 2^(g+1)] by
    /// [N, 2, 2^(g+1), 2^(g+1)], each followed by a rotation of the state by g bits): a third fewer passes than
    /// overlapping pairs of CRY steps. A group's matrix: blocks U_s .. U_{s+g-1} (the entering RY after U_s, or, for
    /// the first group, before U_0, since it ends the previous layer), then CRY(s, s+1) .. CRY(s+g-2, s+g-1).
    /// </summary>
    private static string LaterLayers(OnnxOps ops, GateIndex layout, IReadOnlyList<(int Start, int Size)> groups, string state, string parameters, string cos, string sin)
    {
        int n = layout.Qubits, layers = layout.Layers;
        long identity = (long)layers * n;
        long dim = 1L << n;
        // Steps: layer 0's last group (which completes the product state), (layer, group) for layers 1..L-1, then the
        // lone closing CRY of the last layer as an identity step.
        var steps = new List<(int Layer, int Start, int Size)> { (0, groups[^1].Start, groups[^1].Size) };
        for (int l = 1; l < layers; l++)
        {
            steps.AddRange(groups.Select(g => (l, g.Start, g.Size)));
        }
        steps.Add((layers, 0, groups[0].Size));
        int m = steps.Count;
        long Block(int layer, int q) => layer < layers ? (long)layer * n + q : identity;
        long Entering(int layer, int start) => start == 0 ? layout.Cry(layer - 1, n - 1) : layout.Cry(layer, start - 1);

        // The lowest bit's block with the entering RY: RY U (after) and U RY (first group: before), [4, m, N] each.
        var lowest = ops.Gather(parameters, ops.Int64s([.. steps.Select(st => Block(st.Layer, st.Start))]), 1);
        var enteringAngles = ops.Int64s([.. steps.Select(st => Entering(st.Layer, st.Start))]);
        var withRy = RotatedBlocks(ops, lowest, ops.Gather(cos, enteringAngles, 0), ops.Gather(sin, enteringAngles, 0));
        var allParameters = ops.Concat(1, parameters, withRy.After, withRy.Before);
        long afterOffset = identity + 1, beforeOffset = identity + 1 + m;

        // The closing step has no CRY inside its group: it uses angle index G, an appended angle 0 (cos 1, sin 0).
        long zeroAngle = layout.FinalRy(n - 1) + 1;
        var cosWithZero = ops.Concat(0, cos, ops.Add(ops.Mul(ops.Gather(cos, ops.Int64s(0), 0), ops.Scalar("zero", 0f)), ops.Scalar("one", 1f)));
        var sinWithZero = ops.Concat(0, sin, ops.Mul(ops.Gather(sin, ops.Int64s(0), 0), ops.Scalar("zero", 0f)));

        var matrices = new Dictionary<int, string>();
        var slotOf = new int[m];
        foreach (var size in steps.Select(st => st.Size).Distinct())
        {
            var members = Enumerable.Range(0, m).Where(k => steps[k].Size == size).ToArray();
            var factors = Enumerable.Range(0, size).Select(_ => new long[2 * members.Length]).ToArray();
            var crys = Enumerable.Range(0, size - 1).Select(j => new StyleStepMatrices.Cry(j, j + 1, new long[2 * members.Length])).ToList();
            for (int i = 0; i < members.Length; i++)
            {
                var (layer, start, _) = steps[members[i]];
                slotOf[members[i]] = i;
                for (int c = 0; c < 2; c++)
                {
                    int slot = 2 * i + c;
                    factors[0][slot] = c == 0 ? Block(layer, start) : (start == 0 ? beforeOffset : afterOffset) + members[i];
                    for (int j = 1; j < size; j++)
                    {
                        factors[j][slot] = Block(layer, start + j);
                    }
                    for (int j = 0; j + 1 < size; j++)
                    {
                        crys[j].AngleIndices[slot] = layer < layers ? layout.Cry(layer, start + j) : zeroAngle;
                    }
                }
            }
            matrices[size] = StyleStepMatrices.Build(ops, allParameters, factors, crys, cosWithZero, sinWithZero, controlPairs: true);  // [count, N, 2, w, w]
        }

        for (int k = 0; k < m; k++)
        {
            var (layer, _, size) = steps[k];
            long width = 2L << size;
            var matrix = ops.Gather(matrices[size], ops.Int64Scalar(slotOf[k]), 0);                          // [N, 2 (top bit), w, w]
            // Layer 0's last group acts on |0..0&gt; of its qubits: only the rows of input |0..0, re&gt; and |0..0, im&gt; of
            // its matrix matter, and multiplying the state [N, top bit, rest, re/im] by them appends the group's
            // qubits below the others (a cyclic rotation of the standard order, undone by the rotation that follows).
            state = k == 0
                ? ops.MatMul(ops.Reshape(state, 0, 2, -1, 2), ops.Slice(matrix, 0, 2, 2))
                : ops.MatMul(ops.Reshape(state, 0, 2, -1, width), matrix);
            if (layer < layers)
            {
                // Lowest bits to the top: [N, 2^n/2^g, 2^g, 2 (re/im)] -> [N, 2^g, 2^n/2^g, 2].
                state = ops.Transpose(ops.Reshape(state, 0, dim >> size, 1L << size, 2), 0, 2, 1, 3);
            }
        }
        return state;
    }

    /// <summary>Consecutive groups of up to three qubits, fewer than n each (the state's top bit stays outside).</summary>
    private static IReadOnlyList<(int Start, int Size)> Groups(int n)
    {
        int size = Math.Min(3, n - 1);
        var groups = new List<(int Start, int Size)>();
        for (int start = 0; start < n; start += size)
        {
            groups.Add((start, Math.Min(size, n - start)));
        }
        return groups;
    }

    /// <summary>
    /// RY(t) U and U RY(t) of blocks U (a, b, c, d) [4, m, N] with (cos, sin) [m, N] of the half angle, [4, m, N] each,
    /// by the SU(2) product rule (alpha, beta) = (a1 a2 - conj(b1) b2, b1 a2 + conj(a1) b2), RY = (c, s) real.
    /// </summary>
    private static (string After, string Before) RotatedBlocks(OnnxOps ops, string blocks, string cos, string sin)
    {
        var a = ops.Slice(blocks, 0, 1, 0);
        var b = ops.Slice(blocks, 1, 2, 0);
        var c = ops.Slice(blocks, 2, 3, 0);
        var d = ops.Slice(blocks, 3, 4, 0);
        // RY U: alpha = c_t alpha_U - s_t beta_U, beta = s_t alpha_U + c_t beta_U.
        var after = ops.Concat(0,
            ops.Sub(ops.Mul(a, cos), ops.Mul(c, sin)), ops.Sub(ops.Mul(b, cos), ops.Mul(d, sin)),
            ops.Add(ops.Mul(a, sin), ops.Mul(c, cos)), ops.Add(ops.Mul(b, sin), ops.Mul(d, cos)));
        // U RY: alpha = alpha_U c_t - conj(beta_U) s_t, beta = beta_U c_t + conj(alpha_U) s_t.
        var before = ops.Concat(0,
            ops.Sub(ops.Mul(a, cos), ops.Mul(c, sin)), ops.Add(ops.Mul(b, cos), ops.Mul(d, sin)),
            ops.Add(ops.Mul(c, cos), ops.Mul(a, sin)), ops.Sub(ops.Mul(d, cos), ops.Mul(b, sin)));
        return (after, before);
    }

    /// <summary>
    /// &lt;X_q&gt;, &lt;Y_q&gt;, &lt;Z_q&gt; of every qubit as [N, 3n] (column 3q + 0, 1, 2), from the state in the standard order:
    /// groups of up to three lowest qubits, each read from its reduced density matrix G = x^T x (x the state as rows
    /// over (bits, re/im)), the state rotated by the group size between groups.
    /// </summary>
    private static string Readout(OnnxOps ops, string state, int n)
    {
        long dim = 1L << n;
        var groups = new List<string>();
        for (int first = 0; first < n; first += 3)
        {
            int g = Math.Min(3, n - first);
            long width = 2L << g;
            var rows = ops.Reshape(state, 0, -1, width);
            var gram = ops.MatMul(ops.Transpose(rows, 0, 2, 1), rows);                        // [N, width, width]
            groups.Add(ops.MatMul(ops.Reshape(gram, 0, -1), ops.Floats($"readout_map_{g}", [width * width, 3 * g], ReadoutMap(g))));
            if (first + g < n)
            {
                state = ops.Transpose(ops.Reshape(state, 0, dim >> g, 1L << g, 2), 0, 2, 1, 3);
            }
        }
        return groups.Count == 1 ? groups[0] : ops.Concat(1, [.. groups]);
    }

    /// <summary>
    /// &lt;X_q&gt; and &lt;Z_q&gt; (as [N, 3n] like <see cref="Readout"/>, the Y columns 0): the lowest three qubits from their
    /// reduced density matrix (a Gram MatMul over (bits, re/im)), every other group of four qubits (five for the top
    /// group when one qubit would be left alone) from the real part of its reduced density matrix, Re(rho)[a, b] = sum
    /// over the other bits and re/im of x_a x_b: the group's bits moved to the front of the state (a transpose of blocks
    /// of the lower bits; none for the top group), then one Gram MatMul per sample. Z and X only need the real part.
    /// </summary>
    private static string ReadoutWithoutY(OnnxOps ops, string state, int n)
    {
        long dim = 1L << n;
        int bottom = Math.Min(3, n);
        long width = 2L << bottom;
        var rows = ops.Reshape(state, 0, -1, width);
        var groups = new List<string>
        {
            ops.MatMul(ops.Reshape(ops.MatMul(ops.Transpose(rows, 0, 2, 1), rows), 0, -1),
                ops.Floats($"readout_map_{bottom}", [width * width, 3 * bottom], ReadoutMap(bottom))),
        };
        for (int first = bottom, g; first < n; first += g)
        {
            // Groups of four; a lone qubit left at the top joins the group below it (a 2x2 Gram over the whole state
            // costs more than widening the last Gram to 32x32).
            g = n - first == 5 ? 5 : Math.Min(4, n - first);
            long size = 1L << g, higher = dim >> (first + g), lower = 2L << first;
            // The group's bits to the front ([N, higher, size, lower] to [N, size, higher lower], moving blocks of `lower`
            // floats), then one Gram MatMul per sample over everything else: Re(rho) [N, size, size].
            var view = higher == 1
                ? ops.Reshape(state, 0, size, lower)
                : ops.Reshape(ops.Transpose(ops.Reshape(state, 0, higher, size, lower), 0, 2, 1, 3), 0, size, higher * lower);
            var real = ops.MatMul(view, ops.Transpose(view, 0, 2, 1));
            groups.Add(ops.MatMul(ops.Reshape(real, 0, -1), ops.Floats($"real_readout_map_{g}", [size * size, 3 * g], RealReadoutMap(g))));
        }
        return groups.Count == 1 ? groups[0] : ops.Concat(1, [.. groups]);
    }

    /// <summary>(X, 0, Z) of each bit j from the flattened real part of a reduced density matrix over g bits.</summary>
    private static float[] RealReadoutMap(int g)
    {
        int size = 1 << g;
        var map = new float[size * size * 3 * g];
        for (int j = 0; j < g; j++)
        {
            for (int index = 0; index < size; index++)
            {
                map[(index * size + index) * 3 * g + 3 * j + 2] = (index >> j & 1) == 0 ? 1f : -1f;
                if ((index >> j & 1) == 0)
                {
                    map[(index * size + (index | 1 << j)) * 3 * g + 3 * j] = 2f;
                }
            }
        }
        return map;
    }

    /// <summary>
    /// Linear map from the flattened Gram matrix over (g bits, re/im) to (X, Y, Z) of each bit j:
    /// Z = sum over bit j = 0 minus bit j = 1 of the diagonal, X = 2 sum Re(conj(a0) a1), Y = 2 sum Im(conj(a0) a1).
    /// </summary>
    private static float[] ReadoutMap(int g)
    {
        int width = 2 << g;
        var map = new float[width * width * 3 * g];
        void Add(int row, int column, int output, float value) => map[(row * width + column) * 3 * g + output] += value;
        for (int j = 0; j < g; j++)
        {
            for (int index = 0; index < 1 << g; index++)
            {
                for (int r = 0; r < 2; r++)
                {
                    int self = index * 2 + r;
                    Add(self, self, 3 * j + 2, (index >> j & 1) == 0 ? 1f : -1f);
                }
                if ((index >> j & 1) != 0)
                {
                    continue;
                }
                int partner = index | 1 << j;
                Add(index * 2, partner * 2, 3 * j, 2f);                // re0 re1
                Add(index * 2 + 1, partner * 2 + 1, 3 * j, 2f);        // im0 im1
                Add(index * 2, partner * 2 + 1, 3 * j + 1, 2f);        // re0 im1
                Add(index * 2 + 1, partner * 2, 3 * j + 1, -2f);       // - im0 re1
            }
        }
        return map;
    }
}
