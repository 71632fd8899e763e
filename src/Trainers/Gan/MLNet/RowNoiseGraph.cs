using QGan.MLNet.Transforms.Onnx;
using QGan.MLNet.Transforms.Onnx.Proto;

namespace QGan.MLNet.Trainers.Gan.MLNet;

/// <summary>
/// Standard normal noise drawn deterministically from (seed, row), as an ONNX graph: <c>row</c> [N, W] float -&gt;
/// <c>noise</c> [N, D] float. A row is identified by its values (the latent column the generator was fitted on), so
/// the noise of a row is the same in any batch, cursor order, PredictionEngine call or process, and a saved model
/// reproduces it with plain ONNX operators (opset 18: Cast, Floor, BitShift, BitwiseXor on uint64).
/// <list type="number">
/// <item>Each value v_j is quantised exactly: q_j = floor(clip(v_j, -2^20, 2^20) * 2^20) as an integer (values closer
/// than 2^-20 count as equal).</item>
/// <item>Key k = mix(seed + xor_j mix(q_j + (j+1) G)) with G = 0x9E3779B97F4A7C15 and mix the SplitMix64 finaliser
/// (the seeding function of the project's xoshiro256**): z ^= z &gt;&gt; 30; z *= 0xBF58476D1CE4E5B9; z ^= z &gt;&gt; 27;
/// z *= 0x94D049BB133111EB; z ^= z &gt;&gt; 31; all arithmetic mod 2^64.</item>
/// <item>Uniforms u_i = (mix(k + (i+1) H) &gt;&gt; 40 + 0.5) / 2^24 in (0, 1), H = 0xD1B54A32D192ED03, i &lt; 2P, P = ceil(D/2).</item>
/// <item>Box-Muller: noise_d = sqrt(-2 ln u_d) cos(2 pi u_{P+d}) for d &lt; P and sqrt(-2 ln u_{d-P}) sin(2 pi u_d) for
/// P &lt;= d &lt; 2P, the first D of them.</item>
/// </list>
/// </summary>
internal static class RowNoiseGraph
{
    public const ulong Golden = 0x9E3779B97F4A7C15UL;
    public const ulong Stream = 0xD1B54A32D192ED03UL;
    public const float Quantum = 1 << 20;

    public static ModelProto Build(int rowWidth, int noiseDimension, long seed, string inputName, string outputName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(noiseDimension, 1);
        var builder = new OnnxGraphBuilder();
        builder.Reserve(inputName);
        var ops = new OnnxOps(builder, "row_noise");
        string U64(string hint, params ulong[] values) => builder.AddUInt64Initializer($"row_noise.{hint}", values.Length == 1 ? [] : [values.Length], values);
        string Cast(string x, TensorProto.Types.DataType to) => ops.Node("Cast", [x], OnnxAttributes.Int("to", (int)to));
        string Shift(string x, string bits) => ops.Node("BitShift", [x, bits], OnnxAttributes.String("direction", "RIGHT"));
        var s30 = U64("s30", 30);
        var s27 = U64("s27", 27);
        var s31 = U64("s31", 31);
        var m1 = U64("m1", 0xBF58476D1CE4E5B9UL);
        var m2 = U64("m2", 0x94D049BB133111EBUL);
        string Mix(string z)
        {
            z = ops.Mul(ops.Node("BitwiseXor", z, Shift(z, s30)), m1);
            z = ops.Mul(ops.Node("BitwiseXor", z, Shift(z, s27)), m2);
            return ops.Node("BitwiseXor", z, Shift(z, s31));
        }

        // 1. Exact quantisation to integers (uint64, two's complement).
        var clipped = ops.Node("Clip", inputName, ops.Scalar("low", -Quantum), ops.Scalar("high", Quantum));
        var quantised = Cast(Cast(ops.Node("Floor", ops.Mul(clipped, ops.Scalar("quantum", Quantum))), TensorProto.Types.DataType.Int64), TensorProto.Types.DataType.Uint64);
        // 2. Per-value hashes combined by XOR (a tree of halves; ONNX Runtime's int64 ReduceSum does not wrap), then the key.
        var offsets = U64("value_offsets", [.. Enumerable.Range(1, rowWidth).Select(j => unchecked((ulong)j * Golden))]);
        var combined = Mix(ops.Add(quantised, offsets));
        for (int width = rowWidth; width > 1;)
        {
            int half = width / 2;
            var folded = ops.Node("BitwiseXor", ops.Slice(combined, 0, half, 1), ops.Slice(combined, half, 2 * half, 1));
            combined = width % 2 == 0 ? folded : ops.Concat(1, folded, ops.Slice(combined, 2 * half, width, 1));
            width = half + width % 2;
        }
        var key = Mix(ops.Add(combined, U64("seed", unchecked((ulong)seed))));
        // 3. 2P uniforms in (0, 1) from the top 24 bits.
        int pairs = (noiseDimension + 1) / 2;
        var streams = U64("stream_offsets", [.. Enumerable.Range(1, 2 * pairs).Select(i => unchecked((ulong)i * Stream))]);
        var bits = Shift(Mix(ops.Add(key, streams)), U64("s40", 40));
        var uniform = ops.Mul(ops.Add(Cast(bits, TensorProto.Types.DataType.Float), ops.Scalar("half", 0.5f)), ops.Scalar("scale", 1f / (1 << 24)));
        // 4. Box-Muller.
        var u1 = ops.Slice(uniform, 0, pairs, 1);
        var u2 = ops.Slice(uniform, pairs, 2 * pairs, 1);
        var radius = ops.Node("Sqrt", ops.Mul(ops.Node("Log", u1), ops.Scalar("minus_two", -2f)));
        var angle = ops.Mul(u2, ops.Scalar("two_pi", 2f * MathF.PI));
        var normal = ops.Concat(1, ops.Mul(radius, ops.Node("Cos", angle)), ops.Mul(radius, ops.Node("Sin", angle)));
        var noise = ops.Slice(normal, 0, noiseDimension, 1);
        builder.Rename(noise, outputName);
        return OnnxModelBuilder.Create(builder, "qgan-row-noise",
            [OnnxModelBuilder.FloatTensor(inputName, [rowWidth])],
            [OnnxModelBuilder.FloatTensor(outputName, [noiseDimension])],
            "QGan.MLNet: standard normal noise drawn from (seed, row values).", opset: 18);
    }
}
