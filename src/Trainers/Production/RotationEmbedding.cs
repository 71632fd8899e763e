namespace QGan.MLNet.Trainers.Production;

/// <summary>
/// Every encoded gate of the style circuit is a rotation whose matrix is <c>K + cos(t/2) E + sin(t/2) F</c> with
/// constant E, F, K. The compiled graph keeps a complex amplitude as two adjacent reals (re, im), so a complex
/// 2x2 gate A = Ar + i Ai on one qubit becomes the real 4x4 <c>kron(Ar, I) + kron(Ai, J)</c> over the index
/// (bit, re/im), J = [[0, -1], [1, 0]] being multiplication by i. The state is stored as rows (a row vector per
/// group of amplitudes), so the graph multiplies by the TRANSPOSED matrices; these constants are transposed already.
/// </summary>
internal sealed record RotationEmbedding(int Size, float[] ConstantTransposed, float[] CosTransposed, float[] SinTransposed)
{
    private static readonly double[,] Identity = { { 1, 0 }, { 0, 1 } };
    private static readonly double[,] TimesI = { { 0, -1 }, { 1, 0 } };
    private static readonly double[,] Zero = { { 0, 0 }, { 0, 0 } };
    private static readonly double[,] MinusZ = { { -1, 0 }, { 0, 1 } };
    private static readonly double[,] ControlOff = { { 1, 0 }, { 0, 0 } };
    private static readonly double[,] ControlOn = { { 0, 0 }, { 0, 1 } };

    /// <summary>RY(t) = cos(t/2) I + sin(t/2) [[0, -1], [1, 0]] (real), on (bit, re/im).</summary>
    public static RotationEmbedding Ry { get; } = Create(Kron(Zero, Identity), Kron(Identity, Identity), Kron(TimesI, Identity));

    /// <summary>RZ(t) = cos(t/2) I + i sin(t/2) diag(-1, 1), on (bit, re/im).</summary>
    public static RotationEmbedding Rz { get; } = Create(Kron(Zero, Identity), Kron(Identity, Identity), Kron(MinusZ, TimesI));

    /// <summary>
    /// CRY with the control on the lower and the target on the higher of two adjacent bits, on the index
    /// (target bit, control bit, re/im): identity where the control is 0, RY on the target where it is 1.
    /// </summary>
    public static RotationEmbedding ControlledRy { get; } = Create(
        Kron(Kron(Identity, ControlOff), Identity),
        Kron(Kron(Identity, ControlOn), Identity),
        Kron(Kron(TimesI, ControlOn), Identity));

    private static RotationEmbedding Create(double[,] constant, double[,] cos, double[,] sin) =>
        new(constant.GetLength(0), Transposed(constant), Transposed(cos), Transposed(sin));

    internal static double[,] Kron(double[,] a, double[,] b)
    {
        int ar = a.GetLength(0), ac = a.GetLength(1), br = b.GetLength(0), bc = b.GetLength(1);
        var result = new double[ar * br, ac * bc];
        for (int i = 0; i < ar; i++)
        {
            for (int j = 0; j < ac; j++)
            {
                for (int k = 0; k < br; k++)
                {
                    for (int l = 0; l < bc; l++)
                    {
                        result[i * br + k, j * bc + l] = a[i, j] * b[k, l];
                    }
                }
            }
        }
        return result;
    }

    private static float[] Transposed(double[,] m)
    {
        int n = m.GetLength(0);
        var flat = new float[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                flat[j * n + i] = (float)m[i, j];
            }
        }
        return flat;
    }
}
