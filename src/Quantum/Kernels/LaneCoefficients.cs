using System.Runtime.Intrinsics;
using QGan.MLNet.Quantum.Gates;

namespace QGan.MLNet.Quantum.Kernels;

/// <summary>
/// A 2x2 complex matrix spread over the 4 lanes of a vector. For a target qubit &gt;= 2 the two amplitudes of a
/// pair sit in two different vectors and every lane uses the full matrix; lanes whose (low) control bit is 0 get
/// the identity. <see cref="ActiveMask"/> is 1 on lanes the gate acts on (for gradient sums).
/// </summary>
internal readonly struct CrossLaneMatrix
{
    public readonly Vector256<double> M00r, M00i, M01r, M01i, M10r, M10i, M11r, M11i, ActiveMask;

    public unsafe CrossLaneMatrix(in Matrix2 m, int control)
    {
        double* buf = stackalloc double[36];
        for (int lane = 0; lane < 4; lane++)
        {
            bool active = control is < 0 or >= 2 || ((lane >> control) & 1) == 1;
            var u = active ? m : Matrix2.Identity;
            buf[lane] = u.M00.Real;
            buf[4 + lane] = u.M00.Imaginary;
            buf[8 + lane] = u.M01.Real;
            buf[12 + lane] = u.M01.Imaginary;
            buf[16 + lane] = u.M10.Real;
            buf[20 + lane] = u.M10.Imaginary;
            buf[24 + lane] = u.M11.Real;
            buf[28 + lane] = u.M11.Imaginary;
            buf[32 + lane] = active ? 1 : 0;
        }
        M00r = Vector256.Load(buf);
        M00i = Vector256.Load(buf + 4);
        M01r = Vector256.Load(buf + 8);
        M01i = Vector256.Load(buf + 12);
        M10r = Vector256.Load(buf + 16);
        M10i = Vector256.Load(buf + 20);
        M11r = Vector256.Load(buf + 24);
        M11i = Vector256.Load(buf + 28);
        ActiveMask = Vector256.Load(buf + 32);
    }
}

/// <summary>
/// A 2x2 complex matrix for a target qubit 0 or 1, whose pair partner lives in the same vector:
/// new = A (.) v + B (.) swap(v), lane-wise, with A = M00 / M11 and B = M01 / M10 on the lanes whose target bit is
/// 0 / 1 (identity on lanes whose low control bit is 0). <see cref="PairMask"/> is 1 on the first lane of every
/// pair the gate acts on, so each pair is counted once in gradient sums.
/// </summary>
internal readonly struct InLaneMatrix
{
    public readonly Vector256<double> Ar, Ai, Br, Bi, PairMask;

    public unsafe InLaneMatrix(in Matrix2 m, int target, int control)
    {
        double* buf = stackalloc double[20];
        for (int lane = 0; lane < 4; lane++)
        {
            bool active = control is < 0 or >= 2 || ((lane >> control) & 1) == 1;
            bool upper = ((lane >> target) & 1) == 1;
            var u = active ? m : Matrix2.Identity;
            var a = upper ? u.M11 : u.M00;
            var b = upper ? u.M10 : u.M01;
            buf[lane] = a.Real;
            buf[4 + lane] = a.Imaginary;
            buf[8 + lane] = b.Real;
            buf[12 + lane] = b.Imaginary;
            buf[16 + lane] = active && !upper ? 1 : 0;
        }
        Ar = Vector256.Load(buf);
        Ai = Vector256.Load(buf + 4);
        Br = Vector256.Load(buf + 8);
        Bi = Vector256.Load(buf + 12);
        PairMask = Vector256.Load(buf + 16);
    }
}
