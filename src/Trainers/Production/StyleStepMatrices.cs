using QGan.MLNet.Transforms.Onnx;

namespace QGan.MLNet.Trainers.Production;

/// <summary>
/// Builds, for every sample and many circuit steps at once, the real matrix of one step on k adjacent qubits
/// (k = 2 or 3): single-qubit blocks on each bit (Kronecker product) followed by CRY gates between the bits. The
/// result is <c>[m, N, 2^(k+1), 2^(k+1)]</c> (step-major, so one step's matrices are a contiguous slice),
/// transposed for row-vector states over (bits, re/im).
/// <para>
/// Everything is computed in a structure-of-arrays layout: the matrix entries are the LEADING axes and the steps
/// and samples <c>(m, N)</c> the trailing ones, so every element-wise operator runs over long contiguous spans (ONNX
/// Runtime's broadcasting is slow when the innermost axes are 1 or 2 wide, which made the first compiler spend more
/// time building matrices than applying them). One two-dimensional transpose at the end ([entries, m N] to
/// [m N, entries]) brings the matrices into MatMul layout (for control pairs followed by a transpose that moves
/// whole matrices).
/// </para>
/// </summary>
internal static class StyleStepMatrices
{
    /// <summary>One CRY inside a step: control and target bit (0 = lowest) and the angle index of each of the m steps.</summary>
    public sealed record Cry(int ControlBit, int TargetBit, long[] AngleIndices);

    /// <summary>
    /// <paramref name="blockParameters"/>: <c>[4, B, N]</c>, the SU(2) parameters (a, b, c, d) of B single-qubit blocks
    /// U = [[a + ib, -c + id], [c + id, a - ib]] (the identity among them where a bit has no block).
    /// <paramref name="factors"/>[j][s]: the block on bit j of step s. The CRYs act after the blocks, in list order.
    /// <paramref name="cos"/>, <paramref name="sin"/>: <c>[G, N]</c> cosines and sines of the half angles (gate-major).
    /// </summary>
    /// <remarks>
    /// With <paramref name="controlPairs"/>, the steps come in pairs (2s, 2s+1) = (control bit 0, control bit 1) and
    /// the result is <c>[m/2, N, 2, 2^(k+1), 2^(k+1)]</c>, the layout a MatMul with the state [N, 2, rows, 2^(k+1)] needs.
    /// </remarks>
    public static string Build(OnnxOps ops, string blockParameters, long[][] factors, IReadOnlyList<Cry> crys, string cos, string sin, bool controlPairs = false)
    {
        int k = factors.Length;
        int m = factors[0].Length;
        // Complex Kronecker product from the highest bit down: K [2 (re/im), I, J, m, N].
        string? kron = null;
        long size = 1;
        for (int bit = k - 1; bit >= 0; bit--)
        {
            var block = Block(ops, blockParameters, factors[bit], m);
            if (kron is null)
            {
                kron = block;
            }
            else
            {
                kron = Kron(ops, kron, size, block, m);
            }
            size *= 2;
        }
        // Rows as one axis per bit (highest first), columns flattened: [2, 2 .. 2, D, m, N].
        long d = size;
        var rowShape = new List<long> { 2 };
        rowShape.AddRange(Enumerable.Repeat(2L, k));
        rowShape.AddRange([d, m, -1]);
        var rows = ops.Reshape(kron!, [.. rowShape]);
        foreach (var cry in crys)
        {
            var c = ops.Gather(cos, ops.Int64s(cry.AngleIndices), 0);
            var s = ops.Gather(sin, ops.Int64s(cry.AngleIndices), 0);
            rows = RotateRowsWhereControlIsOne(ops, rows, 1 + (k - 1 - cry.ControlBit), 1 + (k - 1 - cry.TargetBit), c, s);
        }
        // Real embedding, transposed: E[(i, r), (j, s)] has the blocks [[Re, -Im], [Im, Re]] of P[i, j], so the
        // transposed matrix holds at row (j, s), column (i, r): s = re: (Re, Im) P[i, j]; s = im: (-Im, Re) P[i, j].
        var complex = ops.Reshape(rows, 2, d, d, m, -1);
        string Transposed(long part) => ops.Unsqueeze(ops.Transpose(ops.Reshape(ops.Slice(complex, part, part + 1, 0), d, d, m, -1), 1, 0, 2, 3), 2);
        var re = Transposed(0);                                                           // [j, i, 1, m, N]
        var im = Transposed(1);
        var realColumn = ops.Unsqueeze(ops.Concat(2, re, im), 1);                         // s = re: [j, 1, i, r, m, N]
        var imaginaryColumn = ops.Unsqueeze(ops.Concat(2, ops.Node("Neg", im), re), 1);  // s = im
        var embedded = ops.Concat(1, realColumn, imaginaryColumn);
        // Entries to the innermost axis with one two-dimensional transpose ([E, m N] to [m N, E], which ONNX Runtime
        // runs as a blocked SIMD transpose; a general permutation moving single floats costs ten times more), then,
        // for control pairs, (m/2, 2, N) to (m/2, N, 2), which moves whole matrices.
        long entries = 4 * d * d;
        var stepMajor = ops.Transpose(ops.Reshape(embedded, entries, -1), 1, 0);           // [m N, E]
        return controlPairs
            ? ops.Reshape(ops.Transpose(ops.Reshape(stepMajor, m / 2, 2, -1, entries), 0, 2, 1, 3), m / 2, -1, 2, 2 * d, 2 * d)   // [m/2, N, 2, (j, s), (i, r)]
            : ops.Reshape(stepMajor, m, -1, 2 * d, 2 * d);                                 // [m, N, (j, s), (i, r)]
    }

    /// <summary>The blocks of one bit as a complex 2x2 per step: <c>[2 (re/im), 2, 2, m, N]</c>.</summary>
    private static string Block(OnnxOps ops, string blockParameters, long[] indices, int m)
    {
        var parameters = ops.Gather(blockParameters, ops.Int64s(indices), 1);           // [4, m, N]
        // Rows (re/im, i, j) of U = [[a + ib, -c + id], [c + id, a - ib]] as combinations of (a, b, c, d).
        float[] map =
        [
            1, 0, 0, 0, /* re 00 */ 0, 0, -1, 0, /* re 01 */ 0, 0, 1, 0, /* re 10 */ 1, 0, 0, 0, /* re 11 */
            0, 1, 0, 0, /* im 00 */ 0, 0, 0, 1, /* im 01 */ 0, 0, 0, 1, /* im 10 */ 0, -1, 0, 0, /* im 11 */
        ];
        var entries = ops.MatMul(ops.Floats("block_entries", [8, 4], map), ops.Reshape(parameters, 4, -1));
        return ops.Reshape(entries, 2, 2, 2, m, -1);
    }

    /// <summary>Complex Kronecker product of K [2, I, I, m, N] (higher bits) and F [2, 2, 2, m, N] (next lower bit).</summary>
    private static string Kron(OnnxOps ops, string k, long size, string f, int m)
    {
        var kr = ops.Reshape(ops.Slice(k, 0, 1, 0), 1, size, 1, size, 1, m, -1);
        var ki = ops.Reshape(ops.Slice(k, 1, 2, 0), 1, size, 1, size, 1, m, -1);
        var fr = ops.Reshape(ops.Slice(f, 0, 1, 0), 1, 1, 2, 1, 2, m, -1);
        var fi = ops.Reshape(ops.Slice(f, 1, 2, 0), 1, 1, 2, 1, 2, m, -1);
        var re = ops.Sub(ops.Mul(kr, fr), ops.Mul(ki, fi));
        var im = ops.Add(ops.Mul(kr, fi), ops.Mul(ki, fr));
        return ops.Reshape(ops.Concat(0, re, im), 2, 2 * size, 2 * size, m, -1);
    }

    /// <summary>CRY from the left: on the rows whose control bit is 1, the target bit's two rows are rotated by RY.</summary>
    private static string RotateRowsWhereControlIsOne(OnnxOps ops, string rows, long controlAxis, long targetAxis, string cos, string sin)
    {
        var off = ops.Slice(rows, 0, 1, controlAxis);
        var on = ops.Slice(rows, 1, 2, controlAxis);
        var x0 = ops.Slice(on, 0, 1, targetAxis);
        var x1 = ops.Slice(on, 1, 2, targetAxis);
        // RY = [[c, -s], [s, c]]; (cos, sin) are [m, N], the trailing axes of every row tensor.
        var y0 = ops.Sub(ops.Mul(x0, cos), ops.Mul(x1, sin));
        var y1 = ops.Add(ops.Mul(x0, sin), ops.Mul(x1, cos));
        return ops.Concat(controlAxis, off, ops.Concat(targetAxis, y0, y1));
    }
}
